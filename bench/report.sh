#!/usr/bin/env bash
# Prints make bench's table from the timing files: medians, and ours / theirs ratios.
#   report.sh TIMES-DIR "TOOLS"
set -eu
dir=$1 tools=$2
median() {
    [ -f "$1" ] || { echo -; return; }
    sort -n "$1" | awk '{v[NR] = $1} END {m = v[int((NR + 1) / 2)]; if (m ~ /^[0-9]+$/) print m; else if (m ~ /^[0-9.]+$/) printf "%.3f\n", m; else print "-"}'
}
spread() { [ -f "$1" ] && sort -n "$1" | awk '{v[NR] = $1} END {printf "%.2f-%.2f", v[1], v[NR]}' || echo -; }
ratio() { [ "$1" = - ] || [ "$2" = - ] && { echo -; return; }; echo "scale=2; $1 / $2" | bc; }
printf '%-28s' scenario
for t in $tools; do printf ' %14s' "$t"; done
[[ " $tools " == *" ours "* ]] && printf ' %10s %10s' ours/oi ours/mb
echo
row() {  # row LABEL FILE-PREFIX FORMAT
    local label=$1 prefix=$2 t m=() 
    printf '%-28s' "$label"
    declare -A value
    for t in $tools; do value[$t]=$(median "$dir/$prefix.$t.${3}"); printf ' %14s' "${value[$t]}"; done
    if [[ " $tools " == *" ours "* ]]; then
        printf ' %10s %10s' "$(ratio "${value[ours]}" "${value[oi]:--}")" "$(ratio "${value[ours]}" "${value[mb]:--}")"
    fi
    echo
}
row "initial download, s" secs.main init
row "no-op resync, s" secs.main noop
row "incremental 1%, s" secs.main incr
row "100k folder: download, s" secs.big init
row "100k folder: no-op, s" secs.big noop
row "peak RSS corpus, KiB (1)" rssall.main init
row "peak RSS 50 MB msg, KiB (1)" rssall.huge init
echo "(1) the largest single process of the tool's process tree (GNU time %M)"
echo
echo "spread (min-max, number of runs), s:"
for scenario in main.init main.noop main.incr big.init big.noop huge.init; do
    printf '  %-10s' "$scenario"
    for t in $tools; do
        f=$dir/secs.${scenario%%.*}.$t.${scenario#*.}
        printf ' %6s %-16s' "$t" "$(spread "$f") ($( [ -f "$f" ] && wc -l < "$f" || echo 0))"
    done
    echo
done
