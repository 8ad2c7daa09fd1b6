#!/usr/bin/env bash
# Runs the server and widget suites under faketime on 20 dates spread over a year (month ends on a
# weekend, New Year's Eve, a leap day, half-hour boundaries) and in several machine zones, and prints
# one line per date. Needs Debian's faketime. Not part of `npm test` (it takes about half an hour).
set -uo pipefail
cd "$(dirname "$0")/../.."
dates=(
  "2027-01-31 23:40:00|UTC" "2027-02-26 17:29:58|Europe/London" "2027-03-28 00:59:58|Europe/Berlin"
  "2027-04-30 16:50:00|America/New_York" "2027-05-31 23:59:30|Asia/Kolkata" "2027-06-30 12:29:58|UTC"
  "2027-07-30 17:30:00|UTC" "2027-08-31 23:40:00|Pacific/Kiritimati" "2027-09-30 12:00:00|Australia/Lord_Howe"
  "2027-10-31 01:29:58|Europe/London" "2027-11-07 06:59:58|America/Los_Angeles" "2027-11-30 23:40:00|UTC"
  "2027-12-31 23:40:00|UTC" "2028-01-31 23:40:00|Asia/Tokyo" "2028-02-29 23:40:00|UTC"
  "2028-03-26 00:59:58|Europe/Paris" "2028-04-30 23:40:00|America/Sao_Paulo" "2028-06-30 23:29:58|UTC"
  "2028-09-30 23:40:00|Pacific/Auckland" "2028-12-31 23:59:00|UTC"
)
failed=0
logs=${TMPDIR:-/tmp}/any-day
mkdir -p "$logs"
for entry in "${dates[@]}"; do
  when=${entry%|*}; zone=${entry#*|}
  log="$logs/${when//[ :]/-}"
  server=ok; widget=ok
  TZ=$zone faketime "$when" npm run --silent test:server >"$log-server.log" 2>&1 || { server="FAILED ($log-server.log)"; failed=1; }
  TZ=$zone faketime "$when" npx wtr >"$log-widget.log" 2>&1 || { widget="FAILED ($log-widget.log)"; failed=1; }
  echo "$when $zone: server $server, widget $widget"
done
exit $failed
