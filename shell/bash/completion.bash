# vew: tab completion in bash.
#
# The core renders _vew_spec's case statement from its catalogue: for each command (or "vew SUB"),
# its options in _vew_opts (FLAG, or FLAG=KIND when it takes a value), the KIND of each
# positional argument in _vew_args, of every further one in _vew_rest, and its subcommands in
# _vew_subs. A KIND is env, directory, file, command, command-line, env-dir, site-dir,
# template, nothing, or words:WORD...
_vew_spec() {
    _vew_opts=() _vew_args=() _vew_rest="" _vew_subs=()
    __VEW_COMPLETION_SPEC__
}

# Reads LINE (the command line up to the cursor) as bash will: _vew_words gets the words before
# the one being completed, without their quotes; _vew_word that word, without quotes;
# _vew_raw the same as typed; _vew_quote the quote it leaves open, if any; _vew_start where,
# in _vew_raw, the text readline replaces starts (after an open quote, or after the last
# unquoted character of COMP_WORDBREAKS, as readline itself decides).
_vew_split() {
    local _vew_line=$1 _vew_c _vew_i=0 _vew_in=0
    _vew_words=() _vew_word="" _vew_raw="" _vew_quote="" _vew_start=0
    while [ "$_vew_i" -lt "${#_vew_line}" ]; do
        _vew_c=${_vew_line:_vew_i:1}
        _vew_i=$((_vew_i + 1))
        if [ "$_vew_quote" = "'" ]; then
            [ "$_vew_c" = "'" ] && _vew_quote="" || _vew_word+=$_vew_c
        elif [ "$_vew_quote" = '"' ]; then
            if [ "$_vew_c" = '"' ]; then
                _vew_quote=""
            elif [ "$_vew_c" = '\' ] && [[ ${_vew_line:_vew_i:1} == [\$\`\"\\] ]]; then
                _vew_raw+=$_vew_c
                _vew_c=${_vew_line:_vew_i:1}
                _vew_i=$((_vew_i + 1))
                _vew_word+=$_vew_c
            else
                _vew_word+=$_vew_c
            fi
        else
            case $_vew_c in
                [[:space:]])
                    if [ "$_vew_in" = 1 ]; then
                        _vew_words+=("$_vew_word")
                        _vew_word="" _vew_raw="" _vew_start=0 _vew_in=0
                    fi
                    continue
                    ;;
                '\')
                    if [ "$_vew_i" -lt "${#_vew_line}" ]; then
                        _vew_raw+=$_vew_c
                        _vew_c=${_vew_line:_vew_i:1}
                        _vew_i=$((_vew_i + 1))
                        _vew_word+=$_vew_c
                    fi
                    ;;
                "'" | '"')
                    _vew_quote=$_vew_c
                    _vew_start=$((${#_vew_raw} + 1))
                    ;;
                *)
                    _vew_word+=$_vew_c
                    case $COMP_WORDBREAKS in
                        *"$_vew_c"*) _vew_start=$((${#_vew_raw} + 1)) ;;
                    esac
                    ;;
            esac
        fi
        _vew_raw+=$_vew_c
        _vew_in=1
    done
}

# True when FLAG is an option of the current spec that takes a value; its KIND in _vew_kind.
_vew_valued() {
    local _vew_opt
    for _vew_opt in "${_vew_opts[@]}"; do
        case $_vew_opt in
            "$1="*)
                _vew_kind=${_vew_opt#*=}
                return 0
                ;;
        esac
    done
    return 1
}

# Adds VALUE (with the text before the value in the same word, as in --python=VALUE) to the
# candidates if it starts with what is typed.
_vew_add() {
    case $1 in
        "$_vew_prefix"*) _vew_cands+=("$_vew_lead$1") ;;
    esac
}

# Adds the entries of BASE (a directory ending in /, or empty for the current one) that the
# typed path names; directories end with /. DIRS_ONLY=1 leaves out the other files.
_vew_paths() {
    local _vew_dir=${_vew_prefix%/*} _vew_part=${_vew_prefix##*/} _vew_lookup _vew_path _vew_name
    local _vew_failglob=0
    case $_vew_prefix in
        */*) _vew_dir+=/ ;;
        *) _vew_dir="" ;;
    esac
    _vew_lookup=$1$_vew_dir
    # shellcheck disable=SC2088 # a literal ~ in the word being completed, expanded here
    case $_vew_lookup in
        '~/'*) _vew_lookup=$HOME/${_vew_lookup#'~/'} ;;
    esac
    if shopt -q failglob; then
        _vew_failglob=1
        shopt -u failglob
    fi
    for _vew_path in "$_vew_lookup$_vew_part"*; do
        [ -e "$_vew_path" ] || continue
        _vew_name=${_vew_path##*/}
        # Hidden entries only when asked for (whatever dotglob says).
        case $_vew_name in
            .*) [[ $_vew_part == .* ]] || continue ;;
        esac
        if [ -d "$_vew_path" ]; then
            _vew_add "$_vew_dir$_vew_name/"
        elif [ "$2" != 1 ]; then
            _vew_add "$_vew_dir$_vew_name"
        fi
    done
    [ "$_vew_failglob" = 0 ] || shopt -s failglob
}

# Adds every value of KIND.
_vew_values() {
    local _vew_name _vew_site _vew_line
    case $1 in
        env)
            # Already filtered by the typed prefix: no test a name (1,000 names are common).
            local _vew_names
            _vew_envs "$_vew_prefix"
            if [ -z "$_vew_lead" ]; then
                _vew_cands+=("${_vew_names[@]}")
            else
                for _vew_name in "${_vew_names[@]}"; do
                    _vew_cands+=("$_vew_lead$_vew_name")
                done
            fi
            ;;
        directory) _vew_paths "" 1 ;;
        file) _vew_paths "" 0 ;;
        env-dir) [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "$VIRTUAL_ENV" ] || _vew_paths "$VIRTUAL_ENV/" 1 ;;
        site-dir)
            if [ -n "${VIRTUAL_ENV-}" ] &&
                _vew_site=$(_vew_core __complete site-packages "$VIRTUAL_ENV" 2>/dev/null); then
                _vew_paths "$_vew_site/" 1
            fi
            ;;
        command)
            while IFS= read -r _vew_name; do
                _vew_add "$_vew_name"
            done < <(compgen -c -- "$_vew_prefix" | LC_ALL=C command sort -u)
            ;;
        template)
            while IFS= read -r _vew_line; do
                _vew_add "${_vew_line%%$'\t'*}"
            done < <(_vew_core __complete templates 2>/dev/null)
            ;;
        words:*)
            for _vew_name in ${1#words:}; do
                _vew_add "$_vew_name"
            done
            ;;
    esac
}

# Fills _vew_cands with every whole word that can replace the one being completed, or hands
# over to bash-completion for the arguments of the command allvirtualenv runs.
_vew_candidates() {
    local _vew_key _vew_i=0 _vew_n=0 _vew_w _vew_kind="" _vew_only=0
    # Skip assignments before the command (VAR=value cdvirtualenv ...).
    while [[ ${_vew_words[_vew_i]} == [A-Za-z_]*=* && ${_vew_words[_vew_i]%%=*} != *[!A-Za-z0-9_]* ]]; do
        _vew_i=$((_vew_i + 1))
    done
    _vew_key=${_vew_words[_vew_i]##*/}
    _vew_i=$((_vew_i + 1))
    _vew_spec "$_vew_key"
    while [ "$_vew_i" -lt "${#_vew_words[@]}" ]; do
        _vew_w=${_vew_words[_vew_i]}
        if [ "$_vew_only" = 0 ] && [ "$_vew_w" = -- ]; then
            _vew_only=1
        elif [ "$_vew_only" = 0 ] && [[ $_vew_w == -?* ]]; then
            if _vew_valued "$_vew_w"; then
                # The word being completed is this option's value.
                [ $((_vew_i + 1)) -lt "${#_vew_words[@]}" ] || break
                _vew_i=$((_vew_i + 1))
            fi
            _vew_kind=""
        elif [ "$_vew_n" = 0 ] && [ "${#_vew_subs[@]}" -gt 0 ] &&
            [[ " ${_vew_subs[*]} " == *" $_vew_w "* ]]; then
            _vew_key+=" $_vew_w"
            _vew_spec "$_vew_key"
        else
            _vew_n=$((_vew_n + 1))
            if [ "$_vew_n" -ge "${#_vew_args[@]}" ] && [ "$_vew_rest" = command-line ]; then
                _vew_command_line "$_vew_i"
                return
            fi
        fi
        _vew_i=$((_vew_i + 1))
    done
    if [ -z "$_vew_kind" ] && [ "$_vew_only" = 0 ] && [[ $_vew_word == -* ]]; then
        if [[ $_vew_word == --*=* ]] && _vew_valued "${_vew_word%%=*}"; then
            _vew_lead=${_vew_word%%=*}=
            _vew_prefix=${_vew_word#*=}
        else
            for _vew_w in "${_vew_opts[@]}"; do
                _vew_add "${_vew_w%%=*}"
            done
            return
        fi
    elif [ -z "$_vew_kind" ] && [ "$_vew_n" = 0 ] && [ "${#_vew_subs[@]}" -gt 0 ]; then
        _vew_kind="words:${_vew_subs[*]}"
    elif [ -z "$_vew_kind" ] && [ "$_vew_n" -lt "${#_vew_args[@]}" ]; then
        _vew_kind=${_vew_args[_vew_n]}
    elif [ -z "$_vew_kind" ]; then
        _vew_kind=$_vew_rest
    fi
    _vew_values "$_vew_kind"
}

# allvirtualenv COMMAND ARGS: the arguments complete as COMMAND's own, when bash-completion is
# loaded; else as file names. INDEX is where COMMAND is in the line's words.
_vew_command_line() {
    if declare -F _comp_command_offset >/dev/null; then
        _comp_command_offset "$1"
        _vew_delegated=1
    elif declare -F _command_offset >/dev/null; then
        _command_offset "$1"
        _vew_delegated=1
    else
        _vew_values file
    fi
}

# The completion function of every vew command: `complete -F _vew_complete`. It reads only
# COMP_LINE and COMP_POINT, so it can be called from a script too. Each candidate is the word
# as typed so far plus the rest of the value, quoted for the state the typed text leaves open
# (no quote: backslashes; inside '...' or "..." the rules of that quote), cut to the part
# readline replaces; so names with spaces, quotes or $ complete to one correctly quoted word.
_vew_complete() {
    __VEW_PROLOGUE__
    set +o noglob
    local _vew_words _vew_word _vew_raw _vew_quote _vew_start _vew_prefix _vew_lead=""
    local _vew_opts _vew_args _vew_rest _vew_subs _vew_cands=() _vew_delegated=0
    local _vew_cand _vew_tail IFS=$' \t\n'
    _vew_split "${COMP_LINE:0:COMP_POINT}"
    _vew_prefix=$_vew_word
    [ "${#_vew_words[@]}" -gt 0 ] || return 0
    _vew_candidates
    [ "$_vew_delegated" = 0 ] || return 0
    COMPREPLY=()
    # Nothing typed needs quoting, nor does any candidate: they go as they are.
    IFS=/
    if [ -z "$_vew_quote" ] && [ "$_vew_start" = 0 ] && [ "$_vew_raw" = "$_vew_word" ] &&
        [[ ${_vew_cands[*]} != *[!A-Za-z0-9@%+=:,./_-]* ]]; then
        COMPREPLY=("${_vew_cands[@]}")
        _vew_cands=()
    fi
    IFS=$' \t\n'
    for _vew_cand in "${_vew_cands[@]}"; do
        _vew_tail=${_vew_cand:${#_vew_word}}
        case $_vew_quote in
            "'") _vew_tail=${_vew_tail//\'/\'\\\'\'} ;;
            '"')
                _vew_tail=${_vew_tail//\\/\\\\}
                _vew_tail=${_vew_tail//\$/\\\$}
                _vew_tail=${_vew_tail//\"/\\\"}
                _vew_tail=${_vew_tail//\`/\\\`}
                ;;
            *)
                [[ $_vew_tail != *[!A-Za-z0-9@%+=:,./_-]* ]] ||
                    builtin printf -v _vew_tail %q "$_vew_tail"
                ;;
        esac
        # Readline closes an open quote after a single match, unless the match already ends
        # with that quote character (an escaped one, in a name ending with it): close it here.
        case $_vew_quote:$_vew_tail in
            "'":*"'" | '":'*'"') _vew_tail+=$_vew_quote ;;
        esac
        COMPREPLY+=("${_vew_raw:_vew_start}$_vew_tail")
    done
    # A directory is not the end of the path: no space after it.
    if [ "${#COMPREPLY[@]}" = 1 ] && [[ ${COMPREPLY[0]} == */ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

_vew_complete_setup() {
    complete -F _vew_complete __VEW_COMPLETION_NAMES__
}
