# vew: loading vew into fish, last in the shim: every function is defined by now.

function _vew_load
    functions -e _vew_load
    # The configuration file's values, rendered by `vew init` ('' where the file is silent):
    # defaults that the environment overrides.
    set -l _vew_file_home __VEW_CONFIG_WORKON_HOME__
    test -n "$WORKON_HOME"; or set -g WORKON_HOME "$_vew_file_home"
    # Common spellings are handled here; anything needing expansion asks the core, once.
    set -gx WORKON_HOME "$WORKON_HOME"
    switch "$WORKON_HOME"
        case ''
            set -gx WORKON_HOME "$HOME/.virtualenvs"
        case '*$*' '*~*' '*/.' '*/./*' '*/..' '*/../*' '*//*'
            set -l _vew_home (_vew_core __home); or return 1
            set -gx WORKON_HOME "$_vew_home"
        case /
        case '/*'
            set -gx WORKON_HOME (string replace -r '/$' '' -- "$WORKON_HOME")
        case '*'
            set -l _vew_home (_vew_core __home); or return 1
            set -gx WORKON_HOME "$_vew_home"
    end
    # Each other setting: the environment's value, else the file's, else its default
    # (vew.settings.SHIM_SETTINGS).
    __VEW_SETTINGS__
    # fish has no $OSTYPE; Windows (MSYS2, Cygwin) passes OS=Windows_NT to every process.
    if test "$OS" = Windows_NT
        set -g VIRTUALENVWRAPPER_ENV_BIN_DIR Scripts
    else
        set -g VIRTUALENVWRAPPER_ENV_BIN_DIR bin
    end
    set -gx VIRTUALENVWRAPPER_SCRIPT __VEW_SCRIPT__
    # The interpreter vew's core runs on, for scripts written for virtualenvwrapper that use it.
    test -n "$VIRTUALENVWRAPPER_PYTHON"; or set -gx VIRTUALENVWRAPPER_PYTHON __VEW_PYTHON__
    if not test -d "$WORKON_HOME"; and not command mkdir -p -- "$WORKON_HOME"
        _vew_error __VEW_MESSAGE_CANNOT_CREATE_WORKON_HOME__
        return 1
    end
    if not test -d "$VIRTUALENVWRAPPER_HOOK_DIR"; and not command mkdir -p -- "$VIRTUALENVWRAPPER_HOOK_DIR"
        _vew_error __VEW_MESSAGE_CANNOT_CREATE_HOOK_DIR__
        return 1
    end
    __VEW_INITIALIZE_STEPS__
    _vew_complete_setup
    _vew_auto_setup
    return 0
end

_vew_load
