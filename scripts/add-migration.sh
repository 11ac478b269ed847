#!/usr/bin/env bash
# Adds a migration for both providers: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name>}
dotnet tool restore >/dev/null
dotnet tool run dotnet-ef migrations add "$name" --project src/Migrations/Outreach.Migrations.Sqlite \
  --startup-project src/Outreach.Web --output-dir Migrations
Outreach__Database__Provider=Postgres ConnectionStrings__Outreach="Host=localhost;Database=design" \
  dotnet tool run dotnet-ef migrations add "$name" --project src/Migrations/Outreach.Migrations.Postgres \
  --startup-project src/Outreach.Web --output-dir Migrations
