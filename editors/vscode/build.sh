#!/usr/bin/env bash
# Build rus-plans.vsix: install the one runtime dependency and package with the VS Code packaging tool.
# node_modules/ and the .vsix are build products; they are not committed.
set -euo pipefail
cd "$(dirname "$0")"
npm install --omit=dev --no-audit --no-fund
npx --yes @vscode/vsce@3.9.2 package --allow-missing-repository --skip-license --out rus-plans.vsix
echo "Install with: code --install-extension $(pwd)/rus-plans.vsix"
