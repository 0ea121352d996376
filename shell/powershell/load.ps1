# vew: loading vew into PowerShell, last in the shim: every function is defined by now.

# _vew_make_dir DIR MESSAGE: true (as output) when DIR is a directory, after creating it if
# need be; else MESSAGE is the error.
function global:_vew_make_dir {
    try {
        if ([IO.Directory]::Exists((_vew_full_path $args[0]))) { return $true }
        $null = [IO.Directory]::CreateDirectory((_vew_full_path $args[0]))
    } catch {
        _vew_error $args[1]
        return $false
    }
    return $true
}

function global:_vew_load {
    __VEW_PROLOGUE__
    Microsoft.PowerShell.Management\Remove-Item -Path Function:\_vew_load
    # The configuration file's values, rendered by `vew init` ('' where the file is silent):
    # defaults that the environment overrides.
    $_vew_file_home = __VEW_CONFIG_WORKON_HOME__
    $_vew_home = [string] $env:WORKON_HOME
    if (-not $_vew_home) { $_vew_home = $_vew_file_home }
    if (_vew_is_windows) {
        $_vew_absolute = '^([A-Za-z]:[\\/]|[\\/]{2}[^\\/])'
        $_vew_separators = [char[]] '/\'
    } else {
        $_vew_absolute = '^/'
        $_vew_separators = [char[]] '/'
    }
    # Common spellings are handled here; anything needing expansion asks the core, once.
    if (-not $_vew_home) {
        $_vew_user_home = if ($env:HOME) { $env:HOME } else { $HOME }
        $_vew_home = [IO.Path]::Combine($_vew_user_home, '.virtualenvs')
    } elseif ($_vew_home -match '[$~]|(^|[\\/])\.\.?([\\/]|$)|.[\\/][\\/]' -or
              $_vew_home -notmatch $_vew_absolute) {
        # The core reads the value, the configuration file's included, from the environment.
        $env:WORKON_HOME = $_vew_home
        $_vew_home = [string] (_vew_core __home)
        if ($LASTEXITCODE -ne 0 -or -not $_vew_home) { _vew_status 1; return }
    } else {
        $_vew_trimmed = $_vew_home.TrimEnd($_vew_separators)
        if ($_vew_trimmed -and $_vew_trimmed -notmatch '^[A-Za-z]:$') { $_vew_home = $_vew_trimmed }
    }
    $env:WORKON_HOME = $_vew_home
    # Each other setting: the environment's value, else the file's, else its default
    # (vew.settings.SHIM_SETTINGS).
    __VEW_SETTINGS__
    $env:VIRTUALENVWRAPPER_ENV_BIN_DIR = if (_vew_is_windows) { 'Scripts' } else { 'bin' }
    $env:VIRTUALENVWRAPPER_SCRIPT = __VEW_SCRIPT__
    # The interpreter vew's core runs on, for scripts written for virtualenvwrapper that use it.
    if (-not $env:VIRTUALENVWRAPPER_PYTHON) { $env:VIRTUALENVWRAPPER_PYTHON = __VEW_PYTHON__ }
    if (-not (_vew_make_dir $env:WORKON_HOME __VEW_MESSAGE_CANNOT_CREATE_WORKON_HOME__)) {
        _vew_status 1
        return
    }
    if (-not (_vew_make_dir $env:VIRTUALENVWRAPPER_HOOK_DIR __VEW_MESSAGE_CANNOT_CREATE_HOOK_DIR__)) {
        _vew_status 1
        return
    }
    __VEW_INITIALIZE_STEPS__
    _vew_complete_setup
    _vew_auto_setup
    _vew_status 0
}

_vew_load
