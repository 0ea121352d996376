# vew: auto-activation in fish.

# Auto-activation, opt-in with VEW_AUTO_ACTIVATE=1: runs on every change of directory (cd,
# pushd, popd, prevd, nextd: fish sets PWD), as zsh's chpwd does, in scripts and functions too.
# Costs two string comparisons when the directory did not change and starts no process.
# Entering a directory (or a subdirectory of one) that holds a .venv file naming an
# environment, or that is an environment's project, activates it; leaving deactivates it if it
# was auto-activated. A hook that changes directory during a check is not checked (fish would
# run this handler again, inside itself). Its state: the globals _VEW_AUTO_PWD, the directory
# last checked, and _VEW_AUTO_ENV, the environment it activated.
function _vew_auto --on-variable PWD
    test "$VEW_AUTO_ACTIVATE" = 1; and test "$PWD" != "$_VEW_AUTO_PWD"; and not set -q _vew_auto_busy
    or return 0
    set -g _VEW_AUTO_PWD $PWD
    # PWD and every directory above it, nearest first. Command substitutions and long argument
    # lists cost fish far more than its other builtins: a constant number of the first and
    # short lists only, whatever the depth and the number of projects.
    set -l _vew_dirs /
    set -l _vew_dir ''
    for _vew_part in (string split -n / -- "$PWD")
        set _vew_dir "$_vew_dir/$_vew_part"
        set -p _vew_dirs "$_vew_dir"
    end
    # The index lines whose project is one of those directories ("project<TAB>env"), found in
    # one pass with one regular expression that lists them all.
    set -l _vew_found
    set -l _vew_projects
    # No index yet (auto-activation was switched on after the core last ran): the core writes
    # it, once; from then on it keeps it up to date.
    set -l _vew_index_file "$WORKON_HOME/"__VEW_FILE_PROJECTS_INDEX__
    test -f "$_vew_index_file"
    or _vew_core __index "$WORKON_HOME" "$VIRTUALENVWRAPPER_PROJECT_FILENAME" 2>/dev/null
    if test -s "$_vew_index_file"
        set -l _vew_pattern '(?!)'
        for _vew_literal in (string replace -ra -- '[][\\\\^$.|?*+(){}]' '\\\\$0' $_vew_dirs)
            set _vew_pattern "$_vew_pattern|$_vew_literal"
        end
        set _vew_found (string match -r -- "^(?:$_vew_pattern)\t.*" <"$_vew_index_file")
        and set _vew_projects (string replace -r '\t.*' '' -- $_vew_found)
    end
    set -l _vew_target ''
    for _vew_dir in $_vew_dirs
        if test -f "$_vew_dir/.venv"; and not test -L "$_vew_dir/.venv"
            read _vew_target <"$_vew_dir/.venv"
        else if contains -- "$_vew_dir" $_vew_projects
            set -l _vew_line $_vew_found[(contains -i -- "$_vew_dir" $_vew_projects)]
            set _vew_target (string replace -r '^[^\t]*\t' '' -- "$_vew_line")
        end
        test -z "$_vew_target"; or break
    end
    if string match -q -r -- '\p{Cc}' "$_vew_target"
        # A .venv file comes with a repository: what it says is shown with its control
        # characters (terminal escapes) made harmless, and cut short.
        set -l _vew_shown_target (string sub -l 100 -- "$_vew_target" | string replace -ra -- '\p{Cc}' '?')
        set -l _vew_shown_dir (string replace -ra -- '\p{Cc}' '?' "$_vew_dir")
        _vew_error __VEW_MESSAGE_DOT_VENV_NAMES_NO_ENV__
        return 0
    end
    set -g _vew_auto_busy 1
    if test -n "$_vew_target"
        # The same directory, however reached (a symlinked WORKON_HOME): nothing to do.
        if not test -n "$VIRTUAL_ENV" -a "$VIRTUAL_ENV" -ef "$WORKON_HOME/$_vew_target"
            and begin
                test -z "$VIRTUAL_ENV"; or test "$VIRTUAL_ENV" = "$_VEW_AUTO_ENV"
            end
            _vew_workon "$_vew_target" 0; and set -g _VEW_AUTO_ENV "$VIRTUAL_ENV"
        end
    else if test -n "$_VEW_AUTO_ENV"; and test "$VIRTUAL_ENV" = "$_VEW_AUTO_ENV"
        _vew_deactivate
        set -e -g _VEW_AUTO_ENV
    end
    set -e -g _vew_auto_busy
    return 0
end

# The check runs on every change of PWD; here at once, for the directory fish starts in.
function _vew_auto_setup
    _vew_auto
end
