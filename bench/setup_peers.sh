#!/usr/bin/env bash
# Create bench/.venv-peers: a separate virtualenv holding the peer matchers the
# benchmarks compare Caveat against (nomenklatura's logic-v2, logic-v1, ofac and
# regression-v1). nomenklatura pins its own followthemoney and rigour, so it never goes
# into Caveat's .venv; bench/peers_worker.py runs under this venv's python.
#
# Usage (from anywhere): bench/setup_peers.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-peers"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "nomenklatura==4.17.4"
"$venv/bin/python" "$here/peers_worker.py" --versions
echo "peers venv ready: $venv"
