"""The monitor without a screen: what to watch (targets), the cutover thresholds over the series, monitor
sessions for one function or a fleet, and recording/replay of what a source answered.

The Monitor pane (``screens/``) and the headless ``lmi-workbench monitor`` command both build on this; nothing
here imports Textual, and AWS is reached only through a ``MetricsSource`` (``workbench/aws/metrics_source.py``).
"""

from workbench.monitor.replay import RecordingError, RecordingSource, ReplaySource, load_recording
from workbench.monitor.session import (
    DEFAULT_RANGE,
    RANGES,
    REFRESH_SECONDS,
    FleetMonitor,
    MonitorSession,
    MonitorSnapshot,
)
from workbench.monitor.targets import MonitorTarget, demo_target
from workbench.monitor.thresholds import (
    DEFAULT_WINDOW,
    ThresholdState,
    ThresholdStatus,
    evaluate,
    gate_results,
    overall,
)

__all__ = [
    "DEFAULT_RANGE", "DEFAULT_WINDOW", "RANGES", "REFRESH_SECONDS", "FleetMonitor", "MonitorSession",
    "MonitorSnapshot", "MonitorTarget", "RecordingError", "RecordingSource", "ReplaySource", "ThresholdState",
    "ThresholdStatus", "demo_target", "evaluate", "gate_results", "load_recording", "overall",
]
