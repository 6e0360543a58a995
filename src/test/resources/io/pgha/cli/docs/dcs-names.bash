# Cluster and member names from the DCS: pgha's addition to picocli's script above.
#
# Where _pgha_model says an option or argument takes a cluster or member name, TAB asks the
# program being completed: `pgha [global options typed so far] __complete clusters`, or
# `... __complete members [CLUSTER]` with the cluster named earlier on the line. It reads the DCS
# as the command itself would, with a one-second timeout (PGHA_COMPLETION_TIMEOUT=SECONDS for a
# slower DCS), and prints nothing if anything fails.
# The line is read from COMP_LINE, since COMP_WORDS splits etcd3://host:port at the colons.

# Sets kind to what an option (by name) or a positional parameter (@INDEX) of the command takes.
function _pgha_kind() {
  local entry key index first last
  kind=''
  for entry in $dcs_args; do
    key=${entry%:*}
    if [[ $1 == '@'* && $key == '@'* ]]; then
      index=${1#@}
      first=${key#@}
      first=${first%-*}
      last=${key##*-}
      if (( index >= first && index <= last )); then kind=${entry##*:}; return 0; fi
    elif [[ $1 == "$key" ]]; then
      kind=${entry##*:}
      return 0
    fi
  done
}

# Reads the line up to the cursor and sets _pgha_want (clusters, members or nothing),
# _pgha_cluster (the first cluster name on the line) and _pgha_globals (the words before the command).
function _pgha_dcs_context() {
  local IFS=$' \t\n'
  local line=${COMP_LINE:0:$COMP_POINT}
  local cur=${line##*[[:space:]]}
  local -a words
  if [ -n "$ZSH_VERSION" ]; then read -r -A words <<< "${line%"$cur"}"; else read -r -a words <<< "${line%"$cur"}"; fi
  local word program='' path='' pos=0 expect='' kind='' subs='' arg_opts='' dcs_args=''
  _pgha_want='' _pgha_cluster='' _pgha_globals=()
  _pgha_model ''
  for word in "${words[@]}"; do
    # zsh keeps an empty field after trailing blanks; the first word is the program
    [[ -n $word ]] || continue
    [[ -n $program ]] || { program=$word; continue; }
    if [[ -n $expect ]]; then
      _pgha_kind "$expect"
      expect=''
    elif [[ $word == -?* ]]; then
      kind=''
      [[ $word != *=* && $arg_opts == *" $word "* ]] && expect=$word
    elif [[ $subs == *" $word "* ]]; then
      path=${path:+$path }$word
      _pgha_model "$path"
      pos=0
      continue
    else
      _pgha_kind "@$pos"
      pos=$(( pos + 1 ))
    fi
    [[ $kind == clusters && -z $_pgha_cluster ]] && _pgha_cluster=$word
    [[ -z $path ]] && _pgha_globals+=("$word")
  done
  kind=''
  if [[ -n $expect ]]; then
    _pgha_kind "$expect"
  elif [[ $cur != -* ]]; then
    _pgha_kind "@$pos"
  fi
  _pgha_want=$kind
}

# The completion function: picocli's completion of commands, options and fixed values, then the
# names from the DCS. Names are matched here rather than by compgen -W, which would expand them.
function _pgha_complete() {
  _complete_pgha "$@"
  local _pgha_want _pgha_cluster name names cur program
  local -a _pgha_globals request
  _pgha_dcs_context
  [[ -n $_pgha_want ]] || return 0
  request=("$_pgha_want")
  [[ $_pgha_want == members && -n $_pgha_cluster ]] && request+=("$_pgha_cluster")
  program=${COMP_WORDS[0]/#\~/$HOME}
  names=$(PGHA_DCS_TIMEOUT=${PGHA_COMPLETION_TIMEOUT:-1} "$program" "${_pgha_globals[@]}" __complete "${request[@]}" </dev/null 2>/dev/null)
  cur=${COMP_WORDS[COMP_CWORD]}
  while IFS= read -r name; do
    [[ -n $name && $name == "$cur"* ]] && COMPREPLY+=("$name")
  done <<< "$names"
  return 0
}

# pgha, and pgha installed or linked as patronictl.
complete -F _pgha_complete -o default pgha patronictl
