#!/bin/sh
# Installs Debian's dovecot (IMAP and POP3 with STARTTLS) for the accounts integration tests.
# The tests (org.mailconsole.testing.Dovecot) call this when /usr/sbin/dovecot is missing; they
# write their own configuration under target/ and start and stop the server themselves.
set -e
if command -v dovecot >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "dovecot is not installed and this user is not root: cannot install it" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q dovecot-imapd dovecot-pop3d
# the package starts a system dovecot on 143/110 where an init system runs; the tests do not need it
if command -v systemctl >/dev/null 2>&1; then systemctl stop dovecot 2>/dev/null || true; fi
