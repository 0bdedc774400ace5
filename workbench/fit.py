"""Is LMI right for this workload? The decision table of ``lmi-facts.md`` applied signal by signal (pure).

:func:`assess` reads a :class:`~workbench.models.Workload` and returns a :class:`~workbench.models.FitAssessment`:
one :class:`~workbench.models.FitSignal` per row of the table (and per rule of thumb), each with what was seen,
whether it argues for LMI, against it or neither, and why in words; the two error scenarios as blockers; and an
overall verdict by the rule in :data:`VERDICT_RULE`. A signal the workload does not have is neutral and says
which field to fill in ("unknown — fill in requests_per_month"); nothing missing makes it fail.

Thresholds come from :mod:`workbench.lmi_facts`; list prices (only to estimate a missing bill and to split it
into its request and duration parts) from the cost catalog's shipped snapshot.
"""

from __future__ import annotations

from workbench import lmi_facts as facts
from workbench.models import (
    BlockerCode,
    ConcurrencyReadiness,
    CpuProfile,
    Direction,
    FitAssessment,
    FitBlocker,
    FitSignal,
    LmiConfiguration,
    TrafficPattern,
    Verdict,
    Workload,
)

FOR, AGAINST, NEUTRAL = Direction.FOR_LMI, Direction.AGAINST_LMI, Direction.NEUTRAL

SIGNAL_NAMES: tuple[str, ...] = (
    "runtime", "region", "traffic", "volume", "spend", "cost-shape", "duration", "cold-starts", "compute",
    "isolation", "scale-to-zero", "code-readiness",
)
# Signals shown only when their input is known: "tmp" (/tmp under concurrency) needs tmp_use_mb_per_invocation.
OPTIONAL_SIGNAL_NAMES: tuple[str, ...] = ("tmp",)

UNKNOWN = "unknown — fill in "

# The share of the standard Lambda bill that is duration (GB-seconds) above which spend counts as
# "duration-heavy" (the decision table's Cost row). Workbench judgement: LMI charges the same request fee,
# so only the duration part can shrink; below half of the bill there is little for LMI to work on.
DURATION_HEAVY_SHARE = 0.5
# Memory today from which a memory-heavy function is near standard Lambda's 10,240 MB ceiling (judgement).
NEAR_LAMBDA_MEMORY_CEILING_MB = 8_192
LMI_SUBNETS_NEEDED = 3

VERDICT_RULE = (
    "1. Any blocker (a runtime or Region LMI does not support) → standard Lambda is better.\n"
    "2. Scale too small → standard Lambda is better: monthly Lambda spend below ~$1,000 (the bill given, or "
    "estimated at list prices), or, when the spend cannot be known, below 50M requests/month. Likewise mostly "
    "idle traffic (scale-to-zero needed), and code that is not thread-safe and costly to change.\n"
    "3. Strong fit: the scale is there ($1,000+/month of spend, or 50M+ requests/month when the spend is "
    "unknown), the traffic is steady or predictable, and no signal argues against LMI.\n"
    "4. Everything else is worth evaluating: some signals point each way, or the deciding figures are unknown. "
    "Whatever the verdict, LMI is not always cheaper: a cost comparison comes before any recommendation."
)


def assess(workload: Workload, *, workload_version: int | None = None,
           readiness: ConcurrencyReadiness | None = None, configuration: LmiConfiguration | None = None
           ) -> FitAssessment:
    """The decision table applied to ``workload``.

    ``workload_version`` is the store version the workload was read at (0 when it did not come from the
    store). ``readiness`` is the code-readiness review's result when there is one; it takes the place of the
    workload's own ``concurrency_readiness``. ``configuration`` (the stored one; else the starting one) gives
    the concurrency per execution environment the /tmp signal multiplies by.
    """
    a = _Assessor(workload, readiness)
    runtime, runtime_blocker = a.runtime()
    region, region_blocker = a.region()
    signals = [runtime, region, a.traffic(), a.volume(), a.spend(), a.cost_shape(), a.duration(), a.cold_starts(),
               a.compute(), a.isolation(), a.scale_to_zero(), a.code_readiness()]
    signals += [s for s in (a.tmp(configuration),) if s is not None]
    blockers = [b for b in (runtime_blocker, region_blocker) if b is not None]
    verdict, summary = a.verdict(signals, blockers)
    signals += _disagreements(workload)
    return FitAssessment(
        id=workload.id, workload_id=workload.id, workload_version=workload_version or 0, signals=signals,
        verdict=verdict, summary=_clip(summary, 2000), blockers=blockers, missing_inputs=a.missing,
    )


# --- helpers ---------------------------------------------------------------------------------------------------

def _disagreements(workload: Workload) -> list[FitSignal]:
    """Traffic figures that do not add up (workbench.signal_checks), one neutral signal each: a warning to fix
    the input, not a reason for or against LMI."""
    from workbench.signal_checks import traffic_disagreements

    return [_signal("Traffic figures disagree", problem.split(":")[0], Direction.NEUTRAL, problem)
            for problem in traffic_disagreements(workload)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _signal(name: str, finding: str, direction: Direction, reason: str) -> FitSignal:
    return FitSignal(name=name, finding=_clip(finding, 300), direction=direction, reason=_clip(reason, 1000))


def _usd(value: float) -> str:
    return f"${value:,.2f}/month"


def _listing(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} and {len(items) - limit} more"


def nearest_supported_region(region: str) -> tuple[str, str] | None:
    """The supported Region to suggest instead of ``region`` and the basis of the suggestion, or None.

    An excluded commercial Region has a listed neighbour (``lmi_facts.REGIONS.nearest_supported``); for any other
    unsupported code the first supported Region of the same geography by name is offered (``us-gov-west-1`` →
    ``us-west-2``), launch Regions first.
    """
    known = facts.REGIONS.suggest(region)
    if known:
        return known, facts.REGIONS.nearest_supported_basis
    parts = region.split("-")
    if len(parts) < 3:
        return None
    geography, direction = parts[0], parts[-2]
    candidates = [r for r in dict.fromkeys(facts.REGIONS.launch_regions + facts.REGIONS.available)
                  if facts.REGIONS.is_available(r) and r.startswith(geography + "-")]
    same_direction = [r for r in candidates if r.split("-")[-2] == direction]
    choices = same_direction or candidates
    if not choices:
        return None
    return choices[0], "same geography by the Region's name (workbench judgement, not an AWS source); data residency " \
                 "may rule it out"


def region_unavailable(region: str) -> str | None:
    """The unsupported-Region message (lmi-facts.md "Error scenarios"): say that LMI is not available in ``region``,
    list the Regions where it is, suggest the nearest one. None where LMI is available. Used by triage and import
    (CLI and TUI alike) before they read the Region."""
    regions = facts.REGIONS
    if regions.is_available(region):
        return None
    where = (f"it runs in {regions.rule}" if region in regions.excluded else
             "it is not one of the commercial Regions where LMI runs; a Region launched since may be missing")
    nearest = nearest_supported_region(region)
    hint = (f"Nearest supported Region: {nearest[0]} ({nearest[1]})." if nearest else
            f"No nearby supported Region is known for {region}: pick one from the list.")
    return (f"Lambda Managed Instances is not available in {region} ({where}; Region list as of {regions.as_of}). "
            f"Available in: {', '.join(regions.available)}. {hint}")


def _lambda_prices(workload: Workload):
    """(USD per request, USD per GB-second in the first tier, the prices) for the workload's Region, or None."""
    from workbench.cost.catalog import default_catalog
    from workbench.cost.errors import MissingPrice

    region = workload.region or "us-east-1"
    try:
        prices = default_catalog().lambda_prices(region, workload.architecture.value, estimate=True)
    except MissingPrice:
        return None
    return prices.request_usd_per_million / 1e6, prices.tiers[0].usd_per_gb_second, prices


class _Assessor:
    def __init__(self, workload: Workload, readiness: ConcurrencyReadiness | None) -> None:
        self.w = workload
        self.readiness = readiness if readiness is not None else workload.concurrency_readiness
        self.missing: list[str] = []
        self.scale_phrase = ""

    def unknown(self, name: str, fields: tuple[str, ...], reason: str) -> FitSignal:
        for field in fields:
            if field not in self.missing:
                self.missing.append(field)
        return _signal(name, UNKNOWN + " and ".join(fields), NEUTRAL, reason)

    # --- where it can run at all -------------------------------------------------------------------------------

    def runtime(self) -> tuple[FitSignal, FitBlocker | None]:
        w = self.w
        if w.runtime is None:
            return self.unknown("runtime", ("runtime",), "The runtime decides whether LMI can run the function at all "
                                "(Node.js, Java, .NET and Python) and how many invocations share a vCPU."), None
        found = facts.runtime_support(w.runtime)
        supported = facts.supported_runtime_names()
        if found.supported:
            per_vcpu = w.default_concurrency_per_vcpu
            reason = ("LMI runs Java 21+, Python 3.13+, Node.js 22+, .NET 8+ and Rust on provided.al2023; a supported "
                      "runtime neither favours nor rules out LMI.")
            named = found.named if found.family == "rust" else found.runtime   # the language is in the identifier
            return _signal("runtime", f"{named}: supported, {per_vcpu} concurrent invocations per vCPU by default",
                           NEUTRAL, reason + (f" {found.note}" if found.note else "")), None
        message = f"{found.unsupported_message}."
        suggestions = [f"Supported runtimes: {', '.join(supported)}"]
        if found.upgrade:
            suggestions.append(f"Upgrade to {found.upgrade} first (migration work to plan and test), or keep this "
                               "function on standard Lambda")
        else:
            suggestions.append("Keep this function on standard Lambda: LMI has no runtime for it")
        if found.note:
            suggestions.append(found.note)
        blocker = FitBlocker(
            code=BlockerCode.UNSUPPORTED_RUNTIME, message=message, suggestions=suggestions, alternatives=supported,
            suggested=found.upgrade or "standard Lambda",
            source=f"{facts.RUNTIME_SUPPORT.source} (as of {facts.RUNTIME_SUPPORT.as_of})"[:1000])
        upgrade = f" Upgrading to {found.upgrade} would make it eligible." if found.upgrade else ""
        return _signal("runtime", f"{found.named}: not supported on LMI", AGAINST,
                       f"{message} It runs {', '.join(supported)}; standard Lambda keeps running this "
                       f"function as it is.{upgrade}"), blocker

    def region(self) -> tuple[FitSignal, FitBlocker | None]:
        region, regions = self.w.region, facts.REGIONS
        if region is None:
            return self.unknown("region", ("region",), "LMI is not available in every AWS Region: the Region "
                                "decides whether it can be used here."), None
        if regions.is_available(region):
            return _signal("region", f"{region}: LMI is available there (Region list as of {regions.as_of})",
                           NEUTRAL, "The Region supports LMI; it neither favours nor rules out LMI."), None
        if region in regions.excluded:
            message = (f"Lambda Managed Instances is not available in {region}: it runs in {regions.rule} "
                       f"(as of {regions.as_of}).")
        else:
            message = (f"Lambda Managed Instances is not available in {region}: it is not one of the commercial "
                       f"Regions where LMI runs (list as of {regions.as_of}; a Region launched since may be "
                       "missing from it).")
        nearest = nearest_supported_region(region)
        suggestions = []
        if nearest is not None:
            suggestions.append(f"Use the nearest supported Region, {nearest[0]} ({nearest[1]})")
        else:
            suggestions.append(f"No nearby supported Region is known for {region}: pick one from the list")
        suggestions += [f"LMI is available in (as of {regions.as_of}): {', '.join(regions.available)}",
                        f"Or keep this function on standard Lambda in {region}"]
        blocker = FitBlocker(
            code=BlockerCode.UNSUPPORTED_REGION, message=message, suggestions=suggestions,
            alternatives=list(regions.available), suggested=nearest[0] if nearest else None,
            source=f"{regions.source}; Region codes from {regions.commercial_regions_source}")
        hint = f"; nearest supported: {nearest[0]}" if nearest else ""
        return _signal("region", f"{region}: LMI is not available there{hint}", AGAINST, message), blocker

    # --- traffic -----------------------------------------------------------------------------------------------

    def traffic(self) -> FitSignal:
        w, pattern = self.w, self.w.traffic_pattern
        if pattern is TrafficPattern.UNKNOWN:
            return self.unknown("traffic", ("traffic_pattern",), "Steady, predictable traffic favours LMI; bursty or "
                                "mostly idle traffic favours standard Lambda.")
        finding = pattern.value.replace("-", " ")
        mean, peak = w.mean_requests_per_second, w.peak_requests_per_second
        if mean and peak is not None:
            finding += f", peak {peak / mean:.3g}× the mean ({peak:g} vs {mean:g} requests/s)"
        reasons = {
            TrafficPattern.STEADY: (FOR, "Steady, predictable traffic keeps always-running execution environments "
                                         "busy: the case LMI is built for."),
            TrafficPattern.PREDICTABLE_DIURNAL: (FOR, "Predictable peaks suit LMI: scheduled scaling (EventBridge "
                                                      "Scheduler) raises the minimum before the peak and lowers it "
                                                      "afterwards."),
            TrafficPattern.BURSTY: (AGAINST, "Bursty, unpredictable traffic leaves capacity idle between bursts, and "
                                             "LMI scales out by doubling within 5 minutes, so a sudden burst can "
                                             "throttle; standard Lambda absorbs bursts without paying for idle "
                                             "capacity."),
            TrafficPattern.MOSTLY_IDLE: (AGAINST, "Long idle periods favour standard Lambda, which costs nothing "
                                                  "while idle; LMI keeps its minimum execution environments "
                                                  "running."),
        }
        direction, reason = reasons[pattern]
        return _signal("traffic", finding, direction, reason)

    def _monthly_requests(self) -> tuple[float | None, str]:
        w = self.w
        if w.requests_per_month is not None:
            return float(w.requests_per_month), f"{w.requests_per_month:,} requests/month"
        if w.mean_requests_per_second is not None:
            n = w.mean_requests_per_second * facts.SECONDS_PER_MONTH
            return n, (f"≈ {n:,.0f} requests/month ({w.mean_requests_per_second:g} requests/s × "
                       f"{facts.HOURS_PER_MONTH} h)")
        return None, ""

    def volume(self) -> FitSignal:
        n, text = self._monthly_requests()
        threshold = facts.LMI_COST_COMPETITIVE_REQUESTS_PER_MONTH
        if n is None:
            return self.unknown("volume", ("requests_per_month",), "LMI is usually not cheaper below about 50 "
                                "million requests a month.")
        if n >= threshold:
            return _signal("volume", text, FOR, "At 50 million requests a month or more the always-running "
                           "execution environments are kept busy; AWS guidance puts LMI's cost-competitive range "
                           "there (50–100M+ requests/month).")
        return _signal("volume", text, AGAINST, "Below about 50 million requests a month LMI is usually not "
                       "cheaper: its always-running minimum (3 execution environments in production) costs more "
                       "than the traffic saves.")

    # --- cost ----------------------------------------------------------------------------------------------------

    def monthly_spend(self) -> tuple[float | None, str]:
        """The monthly Lambda bill as given, or estimated at list prices; (None, "") when neither is possible."""
        w = self.w
        if w.monthly_lambda_spend_usd is not None:
            return w.monthly_lambda_spend_usd, f"{_usd(w.monthly_lambda_spend_usd)} of Lambda spend"
        n, _ = self._monthly_requests()
        if n is None or w.duration_avg_ms is None or w.memory_mb is None:
            return None, ""
        priced = _lambda_prices(w)
        if priced is None:
            return None, ""
        from workbench.cost.lambda_cost import tiered_cost

        per_request, _, prices = priced
        gb_seconds = n * w.duration_avg_ms / 1000 * w.memory_mb / 1024
        estimate = n * per_request + tiered_cost(gb_seconds, prices.tiers)
        where = prices.provenance.source if prices.provenance.estimate else f"{prices.region} list prices"
        return estimate, (f"≈ {_usd(estimate)} estimated ({where}: requests × {w.duration_avg_ms:g} ms × "
                          f"{w.memory_mb:,} MB; no free tier, Savings Plan or Provisioned Concurrency)")

    def spend(self) -> FitSignal:
        value, text = self.monthly_spend()
        if value is None:
            return self.unknown("spend", ("monthly_lambda_spend_usd",), "LMI becomes cost-competitive above "
                                "roughly $1,000 a month of Lambda spend with steady traffic.")
        if self.w.monthly_lambda_spend_usd is None and "monthly_lambda_spend_usd" not in self.missing:
            self.missing.append("monthly_lambda_spend_usd")  # the real bill beats an estimate
        if value >= facts.LMI_COST_COMPETITIVE_SPEND_USD_PER_MONTH:
            return _signal("spend", text, FOR, "From roughly $1,000 a month of Lambda spend, with steady traffic, "
                           "LMI can be cost-competitive (AWS rule of thumb): there is enough spend to save on.")
        return _signal("spend", text, AGAINST, "Below roughly $1,000 a month LMI is usually not cheaper: the "
                       "always-running execution environments and the management fee leave little or nothing "
                       "to save.")

    def cost_shape(self) -> FitSignal:
        w = self.w
        if w.duration_avg_ms is None or w.memory_mb is None:
            fields = tuple(f for f, v in (("duration_avg_ms", w.duration_avg_ms), ("memory_mb", w.memory_mb))
                           if v is None)
            return self.unknown("cost-shape", fields, "Duration-heavy spend (GB-seconds) is what LMI can reduce; "
                                "the per-request fee stays the same.")
        priced = _lambda_prices(w)
        if priced is None:
            return _signal("cost-shape", f"no Lambda list prices for {w.region}", NEUTRAL,
                           "The bill cannot be split into its request and duration parts without prices.")
        per_request, per_gb_second, _ = priced
        duration_usd = w.duration_avg_ms / 1000 * w.memory_mb / 1024 * per_gb_second
        share = duration_usd / (duration_usd + per_request)
        finding = (f"{share:.0%} of the bill is duration ({w.duration_avg_ms:g} ms × {w.memory_mb:,} MB per "
                   f"request), {1 - share:.0%} the request fee")
        if share >= DURATION_HEAVY_SHARE:
            return _signal("cost-shape", finding, FOR, "Duration-heavy spend is where LMI saves: instance hours "
                           "shared by many concurrent invocations replace the GB-second charge, while the request "
                           "fee ($0.20 per million) stays the same.")
        return _signal("cost-shape", finding, AGAINST, "Most of this bill is the request fee, which LMI charges as "
                       "well; only the duration part could shrink.")

    def duration(self) -> FitSignal:
        w = self.w
        if w.duration_avg_ms is None:
            return self.unknown("duration", ("duration_avg_ms",), "LMI is usually not cheaper for very short "
                                "functions (under 100 ms).")
        finding = f"average {w.duration_avg_ms:g} ms"
        if w.duration_p99_ms is not None:
            finding += f", P99 {w.duration_p99_ms:,g} ms"
        if w.duration_avg_ms < facts.SHORT_FUNCTION_DURATION_MS:
            return _signal("duration", finding, AGAINST, "Very short functions (under 100 ms) are usually cheaper "
                           "on standard Lambda, which already bills them little duration per request (AWS "
                           "guidance).")
        return _signal("duration", finding, NEUTRAL, "Not a very short function: the under-100 ms caveat does not "
                       "apply. How much of the time is spent waiting decides what multi-concurrency saves.")

    # --- the other rows of the table ----------------------------------------------------------------------------

    def cold_starts(self) -> FitSignal:
        w = self.w
        if w.provisioned_concurrency > 0:
            return _signal("cold-starts", f"{w.provisioned_concurrency:,} Provisioned Concurrency today", FOR,
                           "Paying for Provisioned Concurrency says cold starts are not acceptable: LMI has none on "
                           "the execution environments it keeps running (scale-out beyond them may still lag "
                           "briefly).")
        reason = "Nothing shows cold starts are a problem: they are tolerated today"
        if w.runtime_family in ("java", "python", "dotnet"):
            reason += ", and SnapStart can shorten them on standard Lambda"
        return _signal("cold-starts", "no Provisioned Concurrency today", NEUTRAL, reason + ".")

    def compute(self) -> FitSignal:
        w, profile = self.w, self.w.cpu_profile
        if profile is CpuProfile.UNKNOWN:
            return self.unknown("compute", ("cpu_profile",), "I/O-bound functions gain most from LMI; CPU-bound "
                                "ones gain only if they need particular CPUs or instance families.")
        finding = profile.value + (f", {w.memory_mb:,} MB today" if w.memory_mb is not None else "")
        if profile is CpuProfile.IO_BOUND:
            return _signal("compute", finding, FOR, "I/O-bound work gains most: while one invocation waits on the "
                           "network, others run in the same execution environment. AWS advises migrating I/O-heavy "
                           "functions first.")
        if profile is CpuProfile.CPU_BOUND:
            return _signal("compute", finding, NEUTRAL, "CPU-bound work runs at 1 per vCPU on LMI, so "
                           "multi-concurrency saves little and invocations compete for the same vCPUs; LMI helps "
                           "only if the function needs the latest CPUs, a compute-optimised (C) family or high "
                           "network bandwidth.")
        if profile is CpuProfile.MEMORY_HEAVY:
            if w.memory_mb is not None and w.memory_mb >= NEAR_LAMBDA_MEMORY_CEILING_MB:
                return _signal("compute", finding, FOR, f"At {w.memory_mb:,} MB it is close to standard Lambda's "
                               f"{facts.LAMBDA_MEMORY_MB_MAX:,} MB ceiling; LMI functions go up to 32 GB, at 8 GB "
                               "per vCPU for memory-heavy work.")
            return _signal("compute", finding, NEUTRAL, "Memory-heavy work suits LMI's 8:1 memory-to-vCPU ratio, "
                           "but standard Lambda's memory (up to 10,240 MB) is still enough here.")
        return _signal("compute", finding, NEUTRAL, "Part CPU, part I/O: multi-concurrency helps in proportion to "
                       "the time spent waiting; tune the concurrency per execution environment in testing.")

    def isolation(self) -> FitSignal:
        w = self.w
        if w.in_vpc is None:
            return self.unknown("isolation", ("in_vpc",), "A function already in a VPC moves to LMI's instances in "
                                "your own VPC easily; one outside a VPC needs a VPC set up first.")
        if not w.in_vpc:
            return _signal("isolation", "not in a VPC (shared Firecracker micro-VMs are enough today)", NEUTRAL,
                           "Nothing asks for dedicated instances or VPC control; moving to LMI means setting up a "
                           "VPC with 3 subnets in different Availability Zones and egress (NAT or VPC endpoints) "
                           "so that logs still reach CloudWatch.")
        finding = "in a VPC"
        if w.private_resources:
            finding += f", reaching {_listing(w.private_resources)}"
        if w.subnet_ids:
            finding += f", {len(w.subnet_ids)} subnet{'s' if len(w.subnet_ids) != 1 else ''}"
        reason = ("It already runs in a VPC: LMI puts the function on EC2 instances in your own account and VPC, "
                  "with full control of the network.")
        if 0 < len(w.subnet_ids) < LMI_SUBNETS_NEEDED:
            reason += (f" Today it uses {len(w.subnet_ids)}; an LMI capacity provider needs "
                       f"{LMI_SUBNETS_NEEDED} subnets in different Availability Zones.")
        return _signal("isolation", finding, FOR, reason)

    def scale_to_zero(self) -> FitSignal:
        pattern = self.w.traffic_pattern
        if pattern is TrafficPattern.UNKNOWN:
            return self.unknown("scale-to-zero", ("traffic_pattern",), "LMI keeps execution environments running; "
                                "a function that must cost nothing when idle belongs on standard Lambda.")
        if pattern is TrafficPattern.STEADY:
            return _signal("scale-to-zero", "not needed: traffic never stops", FOR, "Always-running execution "
                           "environments cost nothing extra when there is always work for them.")
        if pattern is TrafficPattern.PREDICTABLE_DIURNAL:
            return _signal("scale-to-zero", "not needed: traffic has a daily rhythm", FOR, "Off-peak, scheduled "
                           "scaling can lower the minimum (even to 0, with a scheduled scale-up, since a deactivated "
                           "function does not recover by itself).")
        if pattern is TrafficPattern.BURSTY:
            return _signal("scale-to-zero", "idle gaps between bursts", NEUTRAL, "Between bursts standard Lambda "
                           "costs nothing while LMI keeps its minimum running; the cost comparison shows what the "
                           "idle time costs.")
        return _signal("scale-to-zero", "needed: the function is mostly idle", AGAINST, "Scale-to-zero is what "
                       "saves money here, and LMI keeps at least its minimum execution environments (3 in "
                       "production) running all the time.")

    def code_readiness(self) -> FitSignal:
        w, state = self.w, self.readiness
        family = w.runtime_family
        if family is None:
            return self.unknown("code-readiness", ("runtime",), "How concurrent invocations share an execution "
                                "environment depends on the runtime.")
        if not w.runtime_supported:
            return _signal("code-readiness", f"not assessed: {w.runtime} is not supported", NEUTRAL,
                           "Code readiness matters only once the runtime is supported.")
        runtime = facts.SUPPORTED_RUNTIME_FAMILIES[family]
        if family == "python":
            finding = f"Python, readiness {state.value}"
            if state is ConcurrencyReadiness.BLOCKED:
                return _signal("code-readiness", finding, AGAINST, "The readiness review found problems too costly "
                               "to fix (shared /tmp files, memory that multiplies per process, connection limits); "
                               "standard Lambda runs the code as it is.")
            reason = ("Any Python is ready in principle: each concurrent invocation runs in its own process, so "
                      "globals are not shared and no thread-safety changes are needed. Still check that /tmp files "
                      "are per request, memory × process count fits, and each process has a small connection pool.")
            if state is ConcurrencyReadiness.NEEDS_CHANGES:
                reason += " The review found such changes to make."
            return _signal("code-readiness", finding, FOR, reason)
        name = runtime.display_name
        if state is ConcurrencyReadiness.UNKNOWN:
            return self.unknown("code-readiness", ("concurrency_readiness",), f"{name} on LMI runs invocations "
                                f"concurrently ({runtime.isolation}); run the readiness review to know whether the "
                                "code is safe.")
        finding = f"{name}, readiness {state.value}"
        if state is ConcurrencyReadiness.READY:
            return _signal("code-readiness", finding, FOR, f"Thread-safe {name} code can serve many invocations in "
                           "one execution environment.")
        if state is ConcurrencyReadiness.NEEDS_CHANGES:
            return _signal("code-readiness", finding, NEUTRAL, f"{name} shares state between concurrent invocations "
                           f"({runtime.isolation}); the review found code to change first. How costly the changes "
                           "are decides whether LMI is worth it.")
        return _signal("code-readiness", finding, AGAINST, f"{name} code that is not thread-safe and costly to "
                       "change is better left on standard Lambda, which runs one invocation per environment.")

    def tmp(self, configuration: LmiConfiguration | None) -> FitSignal | None:
        """/tmp under concurrency, when the per-invocation use is known: one EE's /tmp is shared by all it runs."""
        from workbench.starting_config import UnsupportedRuntime, starting_configuration, tmp_check

        if self.w.tmp_use_mb_per_invocation is None:
            return None
        try:
            config = configuration or starting_configuration(self.w)
        except UnsupportedRuntime:
            return None
        check = tmp_check(self.w, config.per_execution_environment_max_concurrency)
        assert check is not None
        finding = (f"{check.per_invocation_mb:,.4g} MB × {check.concurrency} = {check.peak_mb:,.0f} MB of "
                   f"{check.ephemeral_mb:,} MB /tmp" + ("" if check.fits else ": overflows"))
        return _signal("tmp", finding, NEUTRAL, check.verdict())

    # --- the verdict -------------------------------------------------------------------------------------------

    def verdict(self, signals: list[FitSignal], blockers: list[FitBlocker]) -> tuple[Verdict, str]:
        by_name = {s.name: s for s in signals}
        against = [s for s in signals if s.direction is AGAINST]
        compare = "Check the cost comparison before deciding: LMI is not always cheaper."
        if blockers:
            return Verdict.STANDARD_LAMBDA_BETTER, "Standard Lambda is better: " + " ".join(b.message for b in blockers)

        spend, _ = self.monthly_spend()
        requests, _ = self._monthly_requests()
        if spend is not None:
            scale_ok: bool | None = spend >= facts.LMI_COST_COMPETITIVE_SPEND_USD_PER_MONTH
            scale = f"{_usd(spend)} of Lambda spend"
        elif requests is not None:
            scale_ok = requests >= facts.LMI_COST_COMPETITIVE_REQUESTS_PER_MONTH
            scale = f"{requests:,.0f} requests/month"
        else:
            scale_ok, scale = None, ""
        pattern = self.w.traffic_pattern

        decisive = []
        if scale_ok is False:
            rule = "~$1,000/month" if spend is not None else "~50M requests/month"
            decisive.append(f"{scale} is below the {rule} where LMI becomes cost-competitive")
        if pattern is TrafficPattern.MOSTLY_IDLE:
            decisive.append("the traffic is mostly idle, so scale-to-zero matters")
        if by_name["code-readiness"].direction is AGAINST:
            decisive.append("the code is not safe for concurrent invocations and costly to change")
        if decisive:
            return Verdict.STANDARD_LAMBDA_BETTER, "Standard Lambda is better: " + "; ".join(decisive) + "."

        steady = pattern in (TrafficPattern.STEADY, TrafficPattern.PREDICTABLE_DIURNAL)
        if scale_ok and steady and not against:
            shape = pattern.value.replace("-", " ")
            return Verdict.STRONG_FIT, (f"Strong fit for LMI: {scale} with {shape} traffic, and no signal argues "
                                        f"against it. {compare}")
        in_favour = sum(1 for s in signals if s.direction is FOR)
        if not in_favour and not against:
            text = "Worth evaluating: too little is known yet to say more."
        else:
            text = (f"Worth evaluating: {in_favour} signal{'s' if in_favour != 1 else ''} for LMI, "
                    f"{len(against)} against")
            text += f" ({', '.join(s.name for s in against)})." if against else "."
        if self.missing:
            text += f" Fill in {', '.join(self.missing)} to sharpen the verdict."
        return Verdict.WORTH_EVALUATING, f"{text} {compare}"
