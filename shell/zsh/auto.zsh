# vew: when auto-activation runs in zsh, at each change of directory (the check is
# posix/auto.sh's).

_vew_auto_setup() {
    (( ${chpwd_functions[(Ie)_vew_auto]} )) || chpwd_functions+=(_vew_auto)
    _vew_auto
}

# Auto-activation is off: a change of directory costs this call and nothing else.
_vew_auto_off() {
    return 0
}
