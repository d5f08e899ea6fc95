# Sourced by scripts that fetch packages from another Debian suite through a private apt
# configuration (scripts/get-kernel.sh, test/helix/setup.sh): prints the Debian archive the
# system's own apt sources name (one-line or deb822 format), or nothing.
debian_archive() {
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
    | grep -v '^[[:space:]]*#' | grep -Eo '(https?|file):/[^[:space:]]*/debian/?([[:space:]]|$)' | head -n1 | tr -d '[:space:]'
}
