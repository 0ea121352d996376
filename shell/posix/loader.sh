# vew: loads vew into bash or zsh, for scripts that source "$VIRTUALENVWRAPPER_SCRIPT" as they
# sourced virtualenvwrapper.sh (a tmux script, a subshell, another user's shell).
#
# `vew init` writes this file into vew's data directory and keeps it up to date. Each load asks
# vew's core for the set-up, as `eval "$(vew init SHELL)"` does, so it needs nothing but
# WORKON_HOME (if not the default) and honours the configuration file.
if [ -n "${ZSH_VERSION-}" ]; then
    eval "$(__VEW_CORE__ init zsh)"
elif [ -n "${BASH_VERSION-}" ]; then
    eval "$(__VEW_CORE__ init bash)"
else
    echo "ERROR: vew loads into bash or zsh only; for another shell see 'vew init --help'" >&2
    false
fi
