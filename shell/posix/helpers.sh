# vew: virtualenvwrapper's helper functions, shared by bash and zsh.
#
# Hook files, rc files and scripts written for virtualenvwrapper call them: each prints what
# virtualenvwrapper's prints and returns its status, but starts no process where the shell finds
# the answer itself (the site-packages directory and Python version from the environment's
# layout, the list of environments). The shim (compat.sh) sources this file, as it is, when
# one of them is first called: loading vew does not parse them. With no placeholder to fill,
# each function sets its own options as the shim's prologue does, in bash or in zsh.

virtualenvwrapper_cd() {
    if [ -n "${ZSH_VERSION-}" ]; then
        builtin cd -q "$@"
    else
        builtin cd "$@"
    fi
}

# Sets the caller's _vew_normal to PATH normalised as Python's os.path.normpath does it:
# no empty or "." parts, ".." taking the part before it away (never above the root).
_vew_normpath() {
    local _vew_rest="$1" _vew_part _vew_out="" _vew_lead=""
    case $_vew_rest in
        ///*) _vew_lead=/ ;;
        //*) _vew_lead=// ;;
        /*) _vew_lead=/ ;;
    esac
    while [ -n "$_vew_rest" ]; do
        _vew_part=${_vew_rest%%/*}
        case $_vew_rest in
            */*) _vew_rest=${_vew_rest#*/} ;;
            *) _vew_rest="" ;;
        esac
        case $_vew_part in
            '' | .) ;;
            ..)
                if { [ -z "$_vew_out" ] && [ -z "$_vew_lead" ]; } || [ "${_vew_out##*/}" = .. ]; then
                    _vew_out=${_vew_out:+$_vew_out/}..
                else
                    case $_vew_out in
                        */*) _vew_out=${_vew_out%/*} ;;
                        *) _vew_out="" ;;
                    esac
                fi
                ;;
            *) _vew_out=${_vew_out:+$_vew_out/}$_vew_part ;;
        esac
    done
    _vew_out=$_vew_lead$_vew_out
    _vew_normal=${_vew_out:-.}
}

# PATH with ~ and $VARIABLE expanded, normalised, as virtualenvwrapper's Python did it. A
# variable, or ~user, is expanded by vew's core by Python's rules (only exported variables
# count, an unknown one stays as written); the rest is done here.
virtualenvwrapper_expandpath() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    [ -n "${1-}" ] || return 1
    local _vew_path="$1" _vew_home="${HOME-}" _vew_normal
    while [ "${_vew_home%/}" != "$_vew_home" ]; do
        _vew_home=${_vew_home%/}
    done
    # shellcheck disable=SC2088 # a literal tilde is what these patterns look for
    case $_vew_path in
        *'$'* | '~'[!/]*)
            _vew_core __expandpath "$_vew_path"
            return 0
            ;;
        '~' | '~/'*)
            if [ -z "${HOME-}" ]; then
                _vew_core __expandpath "$_vew_path"
                return 0
            fi
            _vew_path=$_vew_home${_vew_path#\~}
            ;;
    esac
    _vew_normpath "$_vew_path"
    builtin printf '%s\n' "$_vew_normal"
    return 0
}

virtualenvwrapper_derive_workon_home() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    local _vew_home
    _vew_derive_home "${WORKON_HOME-}" || return 1
    builtin printf '%s\n' "$_vew_home"
}

virtualenvwrapper_verify_workon_home() {
    [ ! -d "$WORKON_HOME/" ] || return 0
    if [ "${1-}" != -q ]; then
        builtin printf 'NOTE: Virtual environments directory %s does not exist. Creating...\n' \
            "$WORKON_HOME" >&2
    fi
    command mkdir -p -- "$WORKON_HOME"
}

virtualenvwrapper_verify_project_home() {
    if [ -z "${PROJECT_HOME-}" ]; then
        _vew_error "Set the PROJECT_HOME shell variable to the name of the directory where projects should be created."
        return 1
    fi
    if [ ! -d "$PROJECT_HOME" ]; then
        if [ "${1-}" != -q ]; then
            _vew_error "Project directory '$PROJECT_HOME' does not exist.  Create it or set PROJECT_HOME to an existing directory."
        fi
        return 1
    fi
    return 0
}

virtualenvwrapper_verify_active_environment() {
    if [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "$VIRTUAL_ENV" ]; then
        _vew_error "no virtualenv active, or active virtualenv is missing"
        return 1
    fi
    return 0
}

# One environment name per line (as lsvirtualenv -b: sorted by code point); status 1 when
# there is none, as virtualenvwrapper's.
virtualenvwrapper_show_workon_options() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    virtualenvwrapper_verify_workon_home || return 1
    local -a _vew_names
    _vew_envs
    [ "${#_vew_names[@]}" -gt 0 ] || return 1
    builtin printf '%s\n' "${_vew_names[@]}"
}

# True when NAME is a lib/ directory of an interpreter: pythonX.Y, pypyX.Y (with t when free
# threaded), as the core's layout module reads them.
_vew_is_lib_python() {
    local _vew_version
    case $1 in
        python*) _vew_version=${1#python} ;;
        pypy*) _vew_version=${1#pypy} ;;
        *) return 1 ;;
    esac
    _vew_version=${_vew_version%t}
    case $_vew_version in
        [0-9]*.[0-9]*) ;;
        *) return 1 ;;
    esac
    case $_vew_version in
        *[!0-9.]* | *.*.*) return 1 ;;
    esac
    return 0
}

# Sets the caller's _vew_site to ENV's site-packages when its layout shows exactly one.
_vew_site_packages() {
    local -a _vew_found _vew_dirs
    local _vew_dir _vew_lib
    [ -n "$1" ] && [ -d "$1" ] || return 1
    if [ -d "$1/Scripts" ] && [ ! -d "$1/bin" ]; then
        _vew_site="$1/Lib/site-packages"
        [ -d "$_vew_site" ]
        return
    fi
    for _vew_lib in lib lib64; do
        # lib64 is often a link to lib: the same directories again.
        [ "$_vew_lib" = lib ] || [ ! -L "$1/$_vew_lib" ] || continue
        _vew_lib_dirs "$1/$_vew_lib"
        for _vew_dir in "${_vew_dirs[@]}"; do
            _vew_is_lib_python "${_vew_dir##*/}" && [ -d "$_vew_dir/site-packages" ] &&
                _vew_found+=("$_vew_dir/site-packages")
        done
    done
    [ "${#_vew_found[@]}" -eq 1 ] || return 1
    _vew_site="${_vew_found[*]}"
}

# The active environment's site-packages directory. Read from its layout; where that shows
# none or more than one, its interpreter is asked, as virtualenvwrapper always did.
virtualenvwrapper_get_site_packages_dir() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    local _vew_site
    if _vew_site_packages "${VIRTUAL_ENV-}"; then
        builtin printf '%s\n' "$_vew_site"
        return 0
    fi
    "${VIRTUAL_ENV-}/$VIRTUALENVWRAPPER_ENV_BIN_DIR/python" -c \
        "import sysconfig; print(sysconfig.get_path('platlib'))"
}

# The active environment's Python version, X.Y. Read from its pyvenv.cfg; a PyPy environment,
# or one without a version there, has its interpreter asked, as virtualenvwrapper always did.
virtualenvwrapper_get_python_version() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    local _vew_env="${VIRTUAL_ENV-}" _vew_line _vew_key _vew_value _vew_version=""
    if [ -n "$_vew_env" ] && [ -f "$_vew_env/pyvenv.cfg" ] &&
        [ ! -e "$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR/pypy" ] &&
        [ ! -e "$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR/pypy3" ]; then
        while IFS= read -r _vew_line || [ -n "$_vew_line" ]; do
            _vew_key=${_vew_line%%=*}
            [ "$_vew_key" != "$_vew_line" ] || continue
            _vew_value=${_vew_line#*=}
            _vew_key=${_vew_key%"${_vew_key##*[! ]}"}
            _vew_value=${_vew_value#"${_vew_value%%[! ]*}"}
            case $_vew_key in
                version | version_info) _vew_version=$_vew_value ;;
                implementation)
                    [ "$_vew_value" = CPython ] || { _vew_version=""; break; }
                    ;;
            esac
        done <"$_vew_env/pyvenv.cfg"
    fi
    case $_vew_version in
        [0-9]*.[0-9]*)
            # Its first two dot-separated fields, as `cut -f-2 -d.` keeps them.
            _vew_value=${_vew_version#*.}
            builtin printf '%s\n' "${_vew_version%%.*}.${_vew_value%%.*}"
            return 0
            ;;
    esac
    "$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR/python" -V 2>&1 | command cut -f2 -d' ' |
        command cut -f-2 -d.
}

# Loads vew's settings again, creates WORKON_HOME and the hook directory if need be, and
# sources the initialize hooks: harmless to call again, as in virtualenvwrapper.
virtualenvwrapper_initialize() {
    _vew_load
}

# virtualenvwrapper_run_hook [-n NAME]... POINT [ARGS...]: virtualenvwrapper's hook point
# POINT (pre_activate, project.post_mkproject ...) as vew runs it: vew's hook files for it,
# then the plugins' hooks for it (the core is called only if some plugin uses POINT, as `vew
# init` found them), whose shell code runs here. With -n, only the plugins of those names.
virtualenvwrapper_run_hook() {
    if [ -n "${ZSH_VERSION-}" ]; then emulate -L zsh; else
        local - 2>/dev/null; set +o errexit +o nounset +o pipefail; fi
    local -a _vew_options
    local _vew_point _vew_project _vew_project_hooks _vew_bin="$VIRTUALENVWRAPPER_ENV_BIN_DIR"
    local _vew_hooks="$VIRTUALENVWRAPPER_HOOK_DIR"
    while [ "$#" -gt 0 ]; do
        case $1 in
            -n | --name)
                if [ "$#" -lt 2 ]; then
                    _vew_error "virtualenvwrapper_run_hook: $1 option requires an argument"
                    return 2
                fi
                _vew_options+=(--name "$2")
                shift
                ;;
            --name=*) _vew_options+=(--name "${1#--name=}") ;;
            -n?*) _vew_options+=(--name "${1#-n}") ;;
            -q | --quiet | -v | --verbose) ;;
            --version)
                _virtualenvwrapper_version
                return 0
                ;;
            --)
                shift
                break
                ;;
            -?*)
                _vew_error "virtualenvwrapper_run_hook: no such option: $1"
                return 2
                ;;
            *) break ;;
        esac
        shift
    done
    if [ "$#" -eq 0 ]; then
        _vew_error "virtualenvwrapper_run_hook: Please specify the hook to run"
        return 2
    fi
    _vew_point=$1
    shift
    # Hook files run as virtualenvwrapper's own plugin ran them, unless plugins are named.
    if [ "${#_vew_options[@]}" -eq 0 ]; then
        case $_vew_point in
            initialize) _vew_source_hook "$_vew_hooks" initialize ;;
            pre_mkvirtualenv) _vew_run_hook "$_vew_hooks" premkvirtualenv "$@" ;;
            post_mkvirtualenv) _vew_source_hook "$_vew_hooks" postmkvirtualenv ;;
            pre_cpvirtualenv) _vew_run_hook "$_vew_hooks" precpvirtualenv "$@" ;;
            post_cpvirtualenv) _vew_source_hook "$_vew_hooks" postcpvirtualenv ;;
            pre_rmvirtualenv) _vew_run_hook "$_vew_hooks" prermvirtualenv "$@" ;;
            post_rmvirtualenv) _vew_run_hook "$_vew_hooks" postrmvirtualenv "$@" ;;
            pre_activate)
                _vew_run_hook "$_vew_hooks" preactivate "$@"
                [ -z "${1-}" ] || _vew_run_hook "$WORKON_HOME/$1/$_vew_bin" preactivate "$@"
                ;;
            get_env_details)
                _vew_run_hook "$_vew_hooks" get_env_details "$@"
                [ -z "${1-}" ] || _vew_run_hook "$WORKON_HOME/$1/$_vew_bin" get_env_details "$@"
                ;;
            post_activate)
                _vew_read_project "${VIRTUAL_ENV-}"
                if [ "${VIRTUALENVWRAPPER_PROJECT_CD-}" = 1 ] && [ -n "$_vew_project" ] &&
                    [ -d "$_vew_project" ]; then
                    _vew_cd "$_vew_project"
                fi
                _vew_source_hook "$_vew_project_hooks" postactivate
                _vew_source_hook "$_vew_hooks" postactivate
                [ -z "${VIRTUAL_ENV-}" ] || _vew_source_hook "$VIRTUAL_ENV/$_vew_bin" postactivate
                ;;
            pre_deactivate)
                _vew_read_project "${VIRTUAL_ENV-}"
                _vew_source_hook "$_vew_project_hooks" predeactivate
                [ -z "${VIRTUAL_ENV-}" ] || _vew_source_hook "$VIRTUAL_ENV/$_vew_bin" predeactivate
                _vew_source_hook "$_vew_hooks" predeactivate
                ;;
            post_deactivate)
                if [ -n "${1-}" ]; then
                    export VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV="$WORKON_HOME/$1"
                    export VIRTUALENVWRAPPER_LAST_VIRTUALENV="$WORKON_HOME/$1"
                    _vew_source_hook "$WORKON_HOME/$1/$_vew_bin" postdeactivate
                fi
                _vew_source_hook "$_vew_hooks" postdeactivate
                ;;
            project.pre_mkproject) _vew_run_hook "$_vew_hooks" premkproject "$@" ;;
            project.post_mkproject) _vew_source_hook "$_vew_hooks" postmkproject ;;
        esac
    fi
    if _vew_plugin_point "$_vew_point"; then
        _vew_call plugin-hook "${_vew_options[@]}" "$_vew_point" "$@"
    fi
    if [ "$_vew_point" = post_deactivate ]; then
        unset VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV VIRTUALENVWRAPPER_LAST_VIRTUALENV
    fi
    return 0
}
