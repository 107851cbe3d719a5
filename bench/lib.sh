# lib.sh - shell helpers shared by the benchmark scripts (sourced).

# wait_quiet LIMIT MAX: wait until the 1-minute load average is below
# LIMIT, for at most MAX seconds; on a timeout print
# "load still A B C after Ns" and return.
wait_quiet() {
  local waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$1" \
          'BEGIN { exit !(l >= m) }'; do
    if [ "$waited" -ge "$2" ]; then
      echo "load still $(cut -d' ' -f1-3 /proc/loadavg) after ${waited}s"
      return 0
    fi
    sleep 5; waited=$((waited + 5))
  done
}
