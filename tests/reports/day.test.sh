# A day of activity through a real mosquitto and frontad, on the test clock:
# issues, calls, a no-show, a transfer, a cancel, tickets left at the day's
# end, then the day change. frontactl report's numbers (CSV and text) are
# checked against what was done; waits and service times are set by the
# clock. Then the retention: the day's tickets and events are purged and the
# report gives the same numbers from the kept figures.
. "$(dirname "$0")/../lib/common.sh"

CLOCK="$T/clock"
export FRONTA_CLOCK_FILE="$CLOCK"
DAY0=1795417200                      # 2026-11-23 08:00 in Prague (a Monday)
at() { echo $((DAY0 + $1 * 60)) > "$CLOCK"; }   # minutes after 08:00 of 2026-11-23
at 0
# retention of 1 day: at 11-25's day change, 11-23 is purged
sed 's/^retention_days = .*/retention_days = 1/' "$ROOT/config/demo.ini" > "$T/branch.ini"
CONFIG="$T/branch.ini"

start_broker || exit 1
start_frontad || exit 1

op() {   # op MINUTE frontactl-args...
    at "$1"; shift
    ctl "$@" >/dev/null || { not_ok "frontactl $*"; return 1; }
}
op 0  issue A --lang uk            # A001
op 2  issue A --lang vi            # A002
op 5  issue S --lang uk            # S001
op 10 issue P --lang ar            # P001
op 12 issue A --lang cs            # A003
op 20 call 1 --services A          # A001 waited 20:00
op 30 finish 1                     #   served in 10:00
op 31 call 2 --services A          # A002 waited 29:00
op 33 noshow 2
op 35 call 3 --services S          # S001 waited 30:00
op 40 transfer 3 P                 #   5:00 at S, then waits for P
op 45 call 1 --services P          # S001 first (its place kept): waited 5:00 for P
op 57 finish 1                     #   12:00
op 60 cancel A003
op 65 issue T --lang mn            # T001
op 66 issue A --lang uk            # A004: never called
op 70 call 2 --services P          # P001 waited 60:00
op 90 call 2 --services T          # P001 done (20:00); T001 waited 25:00
op 100 finish 2                    #   10:00
op 120 issue S --lang ru           # S002
op 125 call 3 --services S         # S002 waited 5:00, still at counter 3 at the day's end

report() { "$BIN/frontactl" --config "$CONFIG" report --db "$DB" "$@"; }
# csv_row CSV KEY: the row of a service (or language, hour) in a CSV
csv_row() { printf '%s\n' "$1" | tr -d '\r' | awk -F, -v k="$2" '$3 == k'; }
# cols CSV KEY COL...: values of columns (by header name) of the row of KEY
cols() {
    printf '%s\n' "$1" | tr -d '\r' | awk -F, -v k="$2" -v want="$3" '
        NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; n = split(want, w, " "); next }
        $3 == k { s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? " " : "") $(idx[w[i]]); print s }'
}
HEAD="issued served no_show cancelled transferred median_wait_s p90_wait_s median_service_s closed_waiting transferred_in open"

# --- the day as it runs (today: 11-23, still open) ---
at 130
csv=$(report --format csv --by day)
is "$(printf '%s\n' "$csv" | head -n 1 | tr -d '\r')" \
   "period,branch,service,issued,served,no_show,cancelled,transferred,median_wait_s,p90_wait_s,median_service_s,closed_waiting,transferred_in,open,name" \
   "CSV header: the grant report's columns first"
is "$(cols "$csv" A "$HEAD")" "4 1 1 1 0 1200 1740 600 0 0 1" \
   "A today: 4 issued, 1 served, 1 no-show, 1 cancelled, A004 still waiting; waits 20:00 and 29:00"
is "$(cols "$csv" S "$HEAD")" "2 0 0 0 1 300 1800 300 0 0 1" \
   "S today: S001 transferred to P after 5:00, S002 at a counter (open)"

# --- the day change: 11-24 07:00 ---
echo $((DAY0 + 23 * 3600)) > "$CLOCK"
check "frontad changes the day" wait_for 5 grep -q "new day 2026-11-24" "$T/frontad.log"
check "...and keeps the figures of 2026-11-23" wait_for 5 grep -q "figures of 1 day(s) kept" "$T/frontad.log"
# one more day: 11-24 08:00 A001 (en) waits 3:00, served in 1:00
op $((24 * 60)) issue A --lang en
op $((24 * 60 + 3)) call 1
op $((24 * 60 + 4)) finish 1
at $((24 * 60 + 10))

csv=$(report --format csv --by day --from 2026-11-23 --to 2026-11-23)
is "$(cols "$csv" A "$HEAD")" "4 1 1 1 0 1200 1740 600 1 0 0" \
   "A on 11-23: A004 closed waiting at the day's end"
is "$(cols "$csv" S "$HEAD")" "2 1 0 0 1 300 1800 300 0 0 0" \
   "S on 11-23: S002 at a counter when the day ended counts served; waits 30:00 and 5:00"
is "$(cols "$csv" P "$HEAD")" "1 2 0 0 0 300 3600 720 0 1 0" \
   "P on 11-23: S001 transferred in and served (waited 5:00), P001 waited 60:00; service 12:00 and 20:00"
is "$(cols "$csv" T "$HEAD")" "1 1 0 0 0 1500 1500 600 0 0 0" "T on 11-23: T001 waited 25:00, 10:00 with it"
is "$(cols "$csv" all "$HEAD")" "8 5 1 1 1 1500 3600 600 1 1 0" \
   "all services on 11-23: 8 tickets: 5 served, 1 no-show, 1 cancelled, 1 closed waiting; 7 waits, median 25:00"
is "$(csv_row "$csv" A | cut -d, -f1,2)" "2026-11-23,demo" "rows carry the period and the branch"
is "$(csv_row "$csv" A | cut -d, -f15)" "Asistence na OAMP" "...and the service's name"

csv=$(report --format csv --what languages --by day --from 2026-11-23 --to 2026-11-23)
is "$(printf '%s\n' "$csv" | head -n 1 | tr -d '\r')" \
   "period,branch,lang,issued,served,no_show,cancelled,closed_waiting,open,median_wait_s,p90_wait_s" \
   "languages CSV header"
is "$(cols "$csv" uk "issued served closed_waiting")" "3 2 1" "uk: A001, S001 served, A004 closed waiting"
is "$(cols "$csv" vi "issued no_show")" "1 1" "vi: A002 did not come"
is "$(cols "$csv" cs "issued cancelled")" "1 1" "cs: A003 cancelled"
is "$(printf '%s\n' "$csv" | tr -d '\r' | awk -F, 'NR > 1 {n += $4} END {print n}')" 8 \
   "tickets per language add up to the day's 8"
csv=$(report --format csv --what hours --by day --from 2026-11-23 --to 2026-11-23)
is "$(cols "$csv" 08 issued) $(cols "$csv" 09 issued) $(cols "$csv" 10 issued)" "5 2 1" \
   "tickets per hour of issue: 5 at 8, 2 at 9, 1 at 10"

# the month so far, by month: both days
csv=$(report --format csv)
is "$(cols "$csv" A "issued served median_wait_s p90_wait_s")" "5 2 1200 1740" \
   "this month (default): A 5 issued, 2 served; waits 3:00, 20:00, 29:00"
is "$(csv_row "$csv" A | cut -d, -f1)" "2026-11" "one row per month by default"
csv=$(report --format csv --by week)
is "$(csv_row "$csv" all | cut -d, -f1,4)" "2026-W48,9" "by ISO week: 2026-W48, 9 tickets"

# the text table a person reads
txt=$(report --by day --from 2026-11-23 --to 2026-11-23)
diag "$txt"
case "$txt" in *"Fronta figures: branch demo, 2026-11-23 to 2026-11-23, by day"*) ok "text: a title with branch and period";;
    *) not_ok "text: a title with branch and period";; esac
is "$(printf '%s\n' "$txt" | grep -E '^  A  Asistence' | awk '{for (i = NF - 10; i <= NF; i++) printf "%s%s", $i, i < NF ? " " : ""}')" \
   "4 1 1 1 0 1 0 0 20:00 29:00 10:00" "text: the A row, durations as min:s"
check "text: a languages and an hours table" sh -c "printf '%s' \"\$1\" | grep -q 'TICKETS BY LANGUAGE' &&
    printf '%s' \"\$1\" | grep -q 'TICKETS BY HOUR OF ISSUE'" sh "$txt"

# the chart: opened and checked (size, not blank, ink in each panel, the
# title drawn with the ui library found in it); kept for a person to look at
# (CHART_DIR=DIR keeps a copy of them)
chart_check() {   # PNG TITLE LANG: chart_check's TAP lines, taken in as ours
    "$TOOLS/chart_check" "$@" 2>&1 | while IFS= read -r line; do
        case "$line" in "ok "*) echo "ok - ${line#ok * - }";; "not ok "*) echo "not ok - ${line#not ok * - }";;
            *) echo "$line";; esac
    done > "$T/chart_check.out"
    while IFS= read -r line; do
        case "$line" in "ok - "*) ok "${line#ok - }";; "not ok - "*) not_ok "${line#not ok - }";; *) diag "$line";; esac
    done < "$T/chart_check.out"
}
report --format png --out "$T/chart-cs.png" --from 2026-11-23 --to 2026-11-24
is "$?" 0 "--format png --out FILE draws the chart"
chart_check "$T/chart-cs.png" "Fronta demo, 23. listopadu 2026 – 24. listopadu 2026" cs
report --format png --out "$T/chart-en.png" --from 2026-11-23 --to 2026-11-24 --lang en
chart_check "$T/chart-en.png" "Fronta demo, 23 November 2026 – 24 November 2026" en
# one command, a table and a chart
txt=$(report --by day --chart "$T/chart-month.png"); rc=$?
is "$rc" 0 "one command: the table on the terminal and --chart FILE"
case "$txt" in *"TICKETS BY SERVICE"*) ok "...the table is printed";; *) not_ok "...the table is printed";; esac
chart_check "$T/chart-month.png" "Fronta demo, 1. listopadu 2026 – 24. listopadu 2026" cs
out=$(report --format png 2>&1); rc=$?
is "$rc" 2 "--format png without --out: usage error"
out=$(report --format png --out "$T/no/such/dir/c.png" 2>&1); rc=$?
is "$rc" 5 "a chart that cannot be written: local failure, with a message"
diag "$out"
if [ -n "${CHART_DIR:-}" ]; then cp "$T"/chart-*.png "$CHART_DIR"/; fi

# --out writes a file (and nothing half-written)
report --format csv --out "$T/out.csv" >/dev/null
is "$(head -n 1 "$T/out.csv" | cut -d, -f1-3)" "period,branch,service" "--out FILE writes the CSV there"
check "...and leaves no temporary file" test ! -e "$T/out.csv.tmp"

# wrong input: clear message, exit code 2
out=$(report --by year 2>&1); rc=$?
is "$rc" 2 "--by year: usage error"
case "$out" in *"--by is day, week or month"*) ok "...saying what --by takes";; *) not_ok "--by message: $out";; esac
out=$(report --from 2026-11-31 2>&1); rc=$?
is "$rc" 2 "--from 2026-11-31 is no date"
out=$("$BIN/frontactl" report --db "$T/nowhere.db" 2>&1); rc=$?
is "$rc" 5 "a database that is not there: local failure, not an empty report"

# --- retention: 11-25's day change purges 11-23 (retention 1 day) ---
n_events=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE day = '2026-11-23'")
diag "events of 2026-11-23 before the purge: $n_events"
before=$(report --format csv --by day --from 2026-11-23 --to 2026-11-24 --what all)
echo $((DAY0 + 47 * 3600)) > "$CLOCK"
check "the next day change purges 2026-11-23" wait_for 5 grep -q "1 day(s) before 2026-11-24 purged (8 tickets, $n_events events)" "$T/frontad.log"
is "$(sqlite3 "$DB" "SELECT count(*) FROM tickets WHERE day = '2026-11-23'") $(sqlite3 "$DB" "SELECT count(*) FROM events WHERE day = '2026-11-23'")" \
   "0 0" "no ticket and no event of 2026-11-23 is left"
is "$(sqlite3 "$DB" "SELECT count(*) FROM figure_days")" 2 "the figures of 2026-11-23 and 2026-11-24 are kept"
after=$(report --format csv --by day --from 2026-11-23 --to 2026-11-24 --what all)
is "$after" "$before" "the report gives the same figures after the purge"
check "frontad is still running" kill -0 "$FRONTAD_PID"
done_testing
