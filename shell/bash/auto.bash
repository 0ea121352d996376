# vew: when auto-activation runs in bash, at each prompt (the check is posix/auto.sh's).

# Auto-activation runs first at each prompt, only while it is on: PROMPT_COMMAND is left as
# the user set it otherwise. The entry names _vew_auto only where _VEW_AUTO_PWD is set (never
# exported): a child bash that inherits an exported PROMPT_COMMAND but has not loaded vew
# finds an empty command there, not a missing function.
_vew_auto_setup() {
    [ "${VEW_AUTO_ACTIVATE-}" = 1 ] || return 0
    _VEW_AUTO_PWD=${_VEW_AUTO_PWD-}
    case ${PROMPT_COMMAND-} in
        *'${_VEW_AUTO_PWD+_vew_auto}'*) ;;
        '') PROMPT_COMMAND='${_VEW_AUTO_PWD+_vew_auto}' ;;
        *) PROMPT_COMMAND='${_VEW_AUTO_PWD+_vew_auto};'$PROMPT_COMMAND ;;
    esac
}

# Auto-activation was turned off: PROMPT_COMMAND goes back to what the user had.
_vew_auto_off() {
    PROMPT_COMMAND=${PROMPT_COMMAND-}
    PROMPT_COMMAND=${PROMPT_COMMAND//'${_VEW_AUTO_PWD+_vew_auto};'/}
    PROMPT_COMMAND=${PROMPT_COMMAND//'${_VEW_AUTO_PWD+_vew_auto}'/}
    [ -n "$PROMPT_COMMAND" ] || unset PROMPT_COMMAND
    unset _VEW_AUTO_PWD _VEW_AUTO_ENV
}
