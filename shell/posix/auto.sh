# vew: auto-activation in bash and zsh, the check they share (bash/auto.bash and zsh/auto.zsh
# say when it runs).

# Auto-activation, opt-in with VEW_AUTO_ACTIVATE=1: called at every prompt (bash) or directory
# change (zsh). Costs two string comparisons when the directory did not change. Entering a
# directory (or a subdirectory of one) that holds a .venv file naming an environment, or that
# is an environment's project, activates it; leaving deactivates it if it was auto-activated.
# A hook that changes directory during a check is not checked inside it (zsh would): the
# environment being left or entered is then only half done. _vew_auto_busy is a local, which
# the functions this one calls see.
# Returns the status it was called with: the user's prompt code after it sees theirs.
_vew_auto() {
    local _vew_auto_status=$?
    if [ "${VEW_AUTO_ACTIVATE-}" != 1 ]; then
        _vew_auto_off
    elif [ "$PWD" != "${_VEW_AUTO_PWD-}" ] && [ -z "${_vew_auto_busy-}" ]; then
        _vew_run _vew_auto_check
    fi
    return "$_vew_auto_status"
}

_vew_auto_check() {
    __VEW_PROLOGUE__
    local _vew_auto_busy=1
    _VEW_AUTO_PWD=$PWD
    local _vew_dir="$PWD" _vew_target="" _vew_index="" _vew_rest
    # No index yet (auto-activation was switched on after the core last ran): the core writes
    # it, once; from then on it keeps it up to date.
    local _vew_index_file="$WORKON_HOME/"__VEW_FILE_PROJECTS_INDEX__
    [ -f "$_vew_index_file" ] ||
        _vew_core __index "$WORKON_HOME" "$VIRTUALENVWRAPPER_PROJECT_FILENAME" 2>/dev/null
    if [ -f "$_vew_index_file" ]; then
        IFS= read -r -d '' _vew_index <"$_vew_index_file" || :
        _vew_index=$'\n'$_vew_index
    fi
    while [ -n "$_vew_dir" ]; do
        if [ -f "$_vew_dir/.venv" ] && [ ! -L "$_vew_dir/.venv" ]; then
            IFS= read -r _vew_target <"$_vew_dir/.venv" || :
        else
            case $_vew_index in
                *$'\n'"$_vew_dir"$'\t'*)
                    # What comes before the line, then the rest after its tab: linear scans,
                    # where ${x#*...} would be quadratic in the index's size in bash and zsh.
                    _vew_rest=${_vew_index%%$'\n'"$_vew_dir"$'\t'*}
                    _vew_rest=${_vew_index:$((${#_vew_rest} + ${#_vew_dir} + 2))}
                    _vew_target=${_vew_rest%%$'\n'*}
                    ;;
            esac
        fi
        [ -z "$_vew_target" ] || break
        [ "$_vew_dir" != / ] || break
        _vew_dir=${_vew_dir%/*}
        [ -n "$_vew_dir" ] || _vew_dir=/
    done
    case $_vew_target in
        *[[:cntrl:]]*)
            # A .venv file comes with a repository: what it says is shown with its control
            # characters (terminal escapes) made harmless, and cut short.
            local _vew_shown_dir _vew_shown_target
            _vew_shown_dir=${_vew_dir//[[:cntrl:]]/?}
            _vew_shown_target=${_vew_target:0:100}
            _vew_shown_target=${_vew_shown_target//[[:cntrl:]]/?}
            _vew_error __VEW_MESSAGE_DOT_VENV_NAMES_NO_ENV__
            return 0
            ;;
    esac
    if [ -n "$_vew_target" ]; then
        # The same directory, however reached (a symlinked WORKON_HOME): nothing to do.
        if [ -n "${VIRTUAL_ENV-}" ] && [ "$VIRTUAL_ENV" -ef "$WORKON_HOME/$_vew_target" ]; then
            return 0
        fi
        if [ -z "${VIRTUAL_ENV-}" ] || [ "${VIRTUAL_ENV-}" = "${_VEW_AUTO_ENV-}" ]; then
            _vew_workon "$_vew_target" 0 && _VEW_AUTO_ENV=$VIRTUAL_ENV
        fi
    elif [ -n "${_VEW_AUTO_ENV-}" ] && [ "${VIRTUAL_ENV-}" = "$_VEW_AUTO_ENV" ]; then
        _vew_deactivate
        unset _VEW_AUTO_ENV
    fi
    return 0
}
