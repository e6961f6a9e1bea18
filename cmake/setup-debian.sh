#!/usr/bin/env bash
# Installs the Debian 12 packages wijksim needs, and nothing when they are all present.
# As root it runs apt-get itself; otherwise it prints the one command to run and exits 1.
# Idempotent: a second run checks with dpkg-query (well under a second) and returns.
set -euo pipefail

packages=(
  build-essential cmake ninja-build
  libboost-graph-dev libtbb-dev libhdf5-dev hdf5-tools libcli11-dev catch2
  librandom123-dev libtomlplusplus-dev
  python3-h5py python3-numpy python3-pandas python3-xarray python3-h5netcdf
  python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel
  chromium
  openmpi-bin libopenmpi-dev
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "wijksim set-up: missing Debian packages: ${missing[*]}" >&2
  echo "run as root:  $cmd" >&2
  exit 1
fi
echo "wijksim set-up: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
