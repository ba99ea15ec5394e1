#!/bin/sh
# Plugins stand alone: no plugin library contains code compiled from another
# plugin. For every plugin module in DIR, lists its strong text symbols
# (nm types T and t) and fails when one lies in another plugin's namespace
# (motel::<other plugin>::...). Published interfaces live in
# motel::plugins::<name> and the SDK kit in motel::sdk, so both pass.
#
#   check_plugin_symbols.sh DIR PLUGIN...
set -eu
dir=$1
shift
status=0
for plugin in "$@"; do
  library="$dir/$plugin.so"
  if [ ! -f "$library" ]; then
    echo "missing plugin library $library" >&2
    status=1
    continue
  fi
  symbols=$(nm -C --defined-only "$library" | awk '$2 == "T" || $2 == "t" { $1 = ""; $2 = ""; sub(/^  /, ""); print }')
  for other in "$@"; do
    [ "$other" = "$plugin" ] && continue
    foreign=$(printf '%s\n' "$symbols" | grep -E "^motel::$other::" || true)
    if [ -n "$foreign" ]; then
      count=$(printf '%s\n' "$foreign" | wc -l)
      echo "$plugin.so contains $count functions of plugin '$other', e.g.:" >&2
      printf '%s\n' "$foreign" | head -5 | sed 's/^/    /' >&2
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "no plugin contains code of another: $*"
exit $status
