#!/usr/bin/env bash
# Regenerates tests/data/{speckit,openspec,kiro}/generated/ with the real tools from the package
# registries (PyPI, npm), installed in a temporary folder, and records their versions in
# tests/data/SOURCE_VERSIONS. The filled fixtures (tests/data/<format>/filled/) are written by
# hand from what these files show; rerun this after a tool release and compare.
set -euo pipefail
data="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m venv venv
venv/bin/pip install -q specify-cli
npm init -y >/dev/null
npm install -q @fission-ai/openspec cc-sdd >/dev/null
bin="$work/node_modules/.bin"

# Spec Kit: `specify init` scaffolds from the templates inside the package (no network), then
# its own script creates a feature folder from spec-template.md.
mkdir sk && (cd sk && git init -q \
  && "$work/venv/bin/specify" init --here --force --non-interactive --integration claude \
     --ignore-agent-tools >/dev/null \
  && bash .specify/scripts/bash/create-new-feature.sh --json --short-name password-reset \
     "Password reset by e-mail" >/dev/null)
rm -rf "$data/speckit/generated" && mkdir -p "$data/speckit/generated"
cp -r sk/.specify/templates sk/specs "$data/speckit/generated/"

# OpenSpec: `openspec init`, a change from its template, archived so that the tool itself
# writes the main spec that the delta becomes.
mkdir os && (cd os && git init -q && "$bin/openspec" init --tools claude --force >/dev/null \
  && "$bin/openspec" new change add-password-reset >/dev/null)
template="$work/node_modules/@fission-ai/openspec/schemas/spec-driven/templates"
mkdir -p os/openspec/changes/add-password-reset/specs/password-reset
cp "$template/proposal.md" os/openspec/changes/add-password-reset/proposal.md
sed -e 's/<!-- requirement name -->/Reset link expiry/' \
    -e 's/<!-- requirement text -->/The system SHALL reject a reset link older than 30 minutes./' \
    -e 's/<!-- scenario name -->/Expired link/' -e 's/<!-- condition -->/a link is 31 minutes old/' \
    -e 's/<!-- expected outcome -->/the reset is refused/' \
    -e 's/<!-- New capabilities only.*-->/Password reset lets a user who forgot the password choose a new one by e-mail./' \
    "$template/spec.md" > os/openspec/changes/add-password-reset/specs/password-reset/spec.md
cp -r os/openspec/changes/add-password-reset os/change-before-archive
(cd os && "$bin/openspec" archive add-password-reset --yes >/dev/null)
rm -rf "$data/openspec/generated" && mkdir -p "$data/openspec/generated/templates"
cp "$template"/*.md "$data/openspec/generated/templates/"
cp os/openspec/config.yaml "$data/openspec/generated/"
cp -r os/change-before-archive "$data/openspec/generated/change"
cp -r os/openspec/specs "$data/openspec/generated/specs"

# cc-sdd (Kiro's layout): the installer writes the templates the agent fills.
mkdir kiro && (cd kiro && git init -q && "$bin/cc-sdd" --claude-skills --yes >/dev/null)
rm -rf "$data/kiro/generated" && mkdir -p "$data/kiro/generated"
cp -r kiro/.kiro/settings/templates/specs "$data/kiro/generated/templates"

{
  echo "specify-cli $("$work/venv/bin/specify" --version 2>/dev/null | tail -1 | sed "s/^specify //")"
  echo "@fission-ai/openspec $("$bin/openspec" --version)"
  echo "cc-sdd $("$bin/cc-sdd" --version | sed "s/^cc-sdd v//")"
} > "$data/SOURCE_VERSIONS"
