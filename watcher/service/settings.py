"""The `service:` section of watcher.yaml: how `watcher run` behaves."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from watcher.duration import parse_duration


class ServiceSettings(BaseModel):
    """Options of `watcher run` (command-line flags override them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    health_port: int | None = Field(default=None, ge=0, le=65535, description="loopback port of /healthz and /metrics")
    health_host: str = Field(default="127.0.0.1", description="address the health endpoint listens on")
    failing_after: int = Field(default=3, ge=1, description="failed checks in a row before a source is failing")
    lease_margin: float = Field(default=60.0, gt=0, description="seconds a check's lease outlasts its budget")
    reload_poll: float = Field(default=2.0, gt=0, description="seconds between looks at the config files' mtimes")
    dispatch_every: float = Field(default=5.0, gt=0, description="seconds between two passes of the alert dispatcher")
    shutdown_grace: float = Field(default=8.0, ge=0, le=9.5, description="seconds in-flight checks get on SIGTERM")

    @field_validator("lease_margin", "reload_poll", "dispatch_every", "shutdown_grace", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> float:
        return parse_duration(value)
