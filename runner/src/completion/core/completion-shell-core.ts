// The completion logic all three shells share, in POSIX sh: bash and zsh run it in-process, fish through one `sh`.

/**
 * Defines `__harbor_complete HOME CWORD WORD0 WORD1 …`: the words of the command line (WORD0 the command as typed,
 * CWORD the index of the word being completed) against the cache in the home. It sets `__harbor_mode` (`words`, or
 * `files` for the shell's own path completion) and `__harbor_words` (the candidates, space-separated; the shell
 * filters them by the typed prefix). Builtins only: `read`, `case`, parameter expansion; no process per keystroke.
 *
 * The home is HARBOR_HOME when set, else the folder of WORD0 when it is a path to a home (`./harbor.sh`,
 * `~/harbor/harbor.sh`), else HOME (the home embedded when the script was printed).
 *
 * It holds no single quote: zsh and fish embed it in single quotes.
 */
export const SHELL_CORE = `__harbor_lookup() {
  __harbor_found=
  [ -r "$__harbor_cache" ] || return 1
  __hl_in=""
  while IFS="${'\t'}" read -r __hl_kind __hl_key __hl_rest; do
    if [ "$__hl_kind" = "$1" ]; then
      __hl_in=1
      if [ "$__hl_key" = "$2" ]; then
        __harbor_found=$__hl_rest
        return 0
      fi
    elif [ -n "$__hl_in" ]; then
      # Past the block of this kind: the cache keeps each kind together.
      return 1
    fi
  done <"$__harbor_cache"
  return 1
}
__harbor_has() {
  case " $1 " in *" $2 "*) return 0 ;; esac
  return 1
}
__harbor_add_kinds() {
  __ha_rest=$1,
  while [ -n "$__ha_rest" ]; do
    __ha_kind=\${__ha_rest%%,*}
    __ha_rest=\${__ha_rest#*,}
    case $__ha_kind in
      @files) __harbor_mode=files ;;
      @*) __harbor_lookup list "\${__ha_kind#@}" && __harbor_words="$__harbor_words $__harbor_found" ;;
      *) __harbor_words="$__harbor_words $__ha_kind" ;;
    esac
  done
}
__harbor_complete() {
  __harbor_mode=words __harbor_words=""
  __hc_home=\${HARBOR_HOME:-}
  if [ -z "$__hc_home" ]; then
    __hc_home=$1
    case $3 in
      \\~/*/*) __hc_dir=$HOME/\${3#\\~/} ;;
      */*) __hc_dir=$3 ;;
      *) __hc_dir= ;;
    esac
    __hc_dir=\${__hc_dir%/*}
    [ -n "$__hc_dir" ] && [ -r "$__hc_dir/var/cache/completion.tsv" ] && __hc_home=$__hc_dir
  fi
  __harbor_cache=$__hc_home/var/cache/completion.tsv
  __hc_cword=$2
  shift 3
  __hc_i=1 __hc_cmd="" __hc_npos=0 __hc_value=""
  while [ "$__hc_i" -lt "$__hc_cword" ] && [ "$#" -gt 0 ]; do
    __hc_w=$1
    shift
    __hc_i=$((__hc_i + 1))
    if [ -n "$__hc_value" ]; then
      __hc_value=
      continue
    fi
    case $__hc_w in
      --)
        __harbor_mode=files
        return 0
        ;;
      -*=*) ;;
      -*)
        __harbor_lookup val "\${__hc_cmd:--}"
        __harbor_has "$__harbor_found" "$__hc_w" && __hc_value=$__hc_w
        ;;
      *)
        if [ -z "$__hc_cmd" ]; then
          __hc_cmd=$__hc_w
          __harbor_lookup alias "$__hc_w" && __hc_cmd=$__harbor_found
        elif [ "$__hc_npos" = 0 ] && __harbor_lookup sub "$__hc_cmd" && __harbor_has "$__harbor_found" "$__hc_w"; then
          __hc_cmd="$__hc_cmd $__hc_w"
        else
          __hc_npos=$((__hc_npos + 1))
        fi
        ;;
    esac
  done
  __hc_cur=\${1-}
  if [ -n "$__hc_value" ]; then
    if __harbor_lookup optarg "$__hc_value"; then __harbor_add_kinds "$__harbor_found"; else __harbor_mode=files; fi
    return 0
  fi
  case $__hc_cur in
    -*)
      __harbor_lookup opt "\${__hc_cmd:--}" && __harbor_words=$__harbor_found
      return 0
      ;;
  esac
  if [ -z "$__hc_cmd" ]; then
    __harbor_lookup sub - && __harbor_words=$__harbor_found
    return 0
  fi
  if [ "$__hc_npos" = 0 ] && __harbor_lookup sub "$__hc_cmd"; then __harbor_words=$__harbor_found; fi
  __hc_pos=$((__hc_npos + 1))
  __harbor_lookup arg "$__hc_cmd" || return 0
  for __hc_spec in $__harbor_found; do
    case $__hc_spec in
      "$__hc_pos="*) __harbor_add_kinds "\${__hc_spec#*=}" ;;
      *+=*) [ "$__hc_pos" -ge "\${__hc_spec%%+=*}" ] && __harbor_add_kinds "\${__hc_spec#*=}" ;;
    esac
  done
  return 0
}
`;
