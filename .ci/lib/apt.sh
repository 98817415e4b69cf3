# Sourced by the .ci/install-*.sh scripts: installs Debian packages only when one is missing.
# apt_install <script name> <package>...: no-op without packages; as root runs apt-get update and
# apt-get install --no-install-recommends; otherwise names the packages and exits 1.
apt_install() {
  local who=$1
  shift
  (($# > 0)) || return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "$who: run as root to install: $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "$@"
}
