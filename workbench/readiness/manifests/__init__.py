"""LMI401-403: Powertools, AWS SDK and X-Ray SDK versions below the minimum Lambda Managed Instances needs.

Reads what a project declares (requirements and constraints files, pyproject.toml, Pipfile, setup.cfg,
package.json, pom.xml, build.gradle(.kts), libs.versions.toml, .csproj/.fsproj/.vbproj, Directory.Packages.props,
packages.config) and what it locked (Pipfile.lock, poetry.lock, uv.lock, package-lock.json, npm-shrinkwrap.json,
yarn.lock, pnpm-lock.yaml, gradle.lockfile, packages.lock.json). A declared version is judged by what an install
gets: a pinned version (``==3.1.0``, ``"3.1.0"``) is that version; an open Python or Node.js range (``^3.1``,
``~=3.1``, ``>=3.1``, ``3.x``) installs the newest release it allows, so it is a finding only when its upper end
lies below the minimum (``~3.620.0``, ``>=2,<3``; ``versions.resolves_to_minimum``); Maven, Gradle and NuGet take
the version written (the lower end of ``[3.1,)``). A lock file, when there is one, is judged on its own (its locked
versions). Each hit is at the version text of the declaration, and a declared version that is a
plain version or a single comparator gets a fix that raises it to the minimum (needs review: an upgrade). Lock
files get one hit per library family, naming the others below the minimum: regenerate the lock after the bump.
The minimums are ``workbench.lmi_facts.MIN_LIBRARY_VERSIONS``.

The family, by module: ``analyzer`` (the analyzer the scanner runs: per-file hits, Node.js browser apps left out),
``hits`` (the hits and the version raise of one manifest), ``libraries`` (which packages the rules are about, and
their minimums), ``versions`` (version ranges, and what a fresh install resolves to), ``declarations`` (what a
declaration is, and helpers to find one in a text), and the readers per ecosystem: ``python``, ``nodejs``,
``java``, ``dotnet``.
"""

from __future__ import annotations

# The rule families are found by module name (``workbench.readiness.rules.family_modules``): this package is the
# ``manifests`` family, so its analyzers are named here.
from workbench.readiness.manifests.analyzer import ANALYZER, ANALYZERS

__all__ = ["ANALYZER", "ANALYZERS"]
