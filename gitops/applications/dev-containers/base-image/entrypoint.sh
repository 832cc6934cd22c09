#!/usr/bin/env bash
# Keeps the SSH host key on the workspace volume (so VS Code does not see a new host after every restart),
# wires optional git credentials, then runs sshd in the foreground.
set -euo pipefail

keydir=/workspace/.ssh-host
if [[ ! -f "${keydir}/ssh_host_ed25519_key" ]]; then
  mkdir -p "${keydir}"
  chmod 0700 "${keydir}"
  ssh-keygen -q -t ed25519 -N '' -f "${keydir}/ssh_host_ed25519_key"
fi

if [[ -f /etc/dev-container/git/git-credentials ]]; then
  git config --global credential.helper "store --file=/etc/dev-container/git/git-credentials"
fi
if [[ -f /etc/dev-container/git/gitconfig ]]; then
  git config --global include.path /etc/dev-container/git/gitconfig
fi

exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
