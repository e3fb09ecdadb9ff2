"""Settings: the environment, then `.env`, then defaults. One object, read once at start-up."""

from __future__ import annotations

import os
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEVELOPMENT_TOKEN_SECRET = "development-only-token-secret-change-me"


class AppEnv(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class PushGatewayChoice(StrEnum):
    AUTO = "auto"  # FCM when a Firebase project is configured, else the log
    FCM = "fcm"
    LOG = "log"


FCM_DEFAULT_ENDPOINT = "https://fcm.googleapis.com"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    app_env: AppEnv = AppEnv.DEVELOPMENT
    mongodb_uri: SecretStr | None = None
    database_name: str = "expo"
    data_dir: Path = Path(".data")
    host: str = "127.0.0.1"
    port: int = 8000
    forwarded_allow_ips: str = "127.0.0.1,::1"  # uvicorn's default
    log_level: str = "INFO"

    token_secret: SecretStr = SecretStr(DEVELOPMENT_TOKEN_SECRET)
    token_ttl_hours: int = Field(default=168, ge=1)

    firebase_credentials: Path | None = None
    firebase_project_id: str | None = None

    push_gateway: PushGatewayChoice = PushGatewayChoice.AUTO
    fcm_endpoint: str = FCM_DEFAULT_ENDPOINT
    fcm_ca_file: Path | None = None
    fcm_access_token: SecretStr | None = None

    run_workers: bool = True
    dispatcher_tasks: int = Field(default=1, ge=0, le=32)
    worker_poll_seconds: float = Field(default=1.0, gt=0)
    push_lease_seconds: int = Field(default=60, ge=1)
    push_max_attempts: int = Field(default=8, ge=1)
    push_retry_base_seconds: float = Field(default=5.0, gt=0)
    push_retry_max_seconds: float = Field(default=3600.0, gt=0)
    push_quota_wait_seconds: float = Field(default=60.0, ge=0)
    max_devices_per_person: int = Field(default=10, ge=1)
    device_stale_days: int = Field(default=270, ge=1)
    reminder_minutes_before: int = Field(default=15, ge=1)

    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    public_base_url: str | None = None
    seed_demo: bool | None = None

    signin_max_per_email: int = Field(default=10, ge=1)
    signin_max_failures_per_address: int = Field(default=100, ge=1)
    signin_window_seconds: int = Field(default=900, ge=1)
    posts_max_per_window: int = Field(default=20, ge=1)
    posts_window_seconds: int = Field(default=600, ge=1)

    matchmaking_refresh_delay_seconds: float = Field(default=5.0, ge=0)
    background_poll_seconds: float = Field(default=1.0, gt=0)
    run_lease_seconds: float = Field(default=20.0, ge=1)  # a long run not heard of is over

    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_query_depth: int = Field(default=12, ge=2)
    max_aliases: int = Field(default=30, ge=1)
    max_tokens: int = Field(default=3000, ge=100)

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Settings:
        if self.is_production:
            if self.token_secret.get_secret_value() == DEVELOPMENT_TOKEN_SECRET:
                raise ValueError("TOKEN_SECRET must be set when APP_ENV=production")
            if len(self.token_secret.get_secret_value()) < 32:
                raise ValueError("TOKEN_SECRET must be at least 32 characters")
            if os.environ.get("FIREBASE_AUTH_EMULATOR_HOST"):
                raise ValueError(
                    "FIREBASE_AUTH_EMULATOR_HOST must not be set in production: "
                    "it turns off the signature check of Firebase ID tokens"
                )
        return self

    @property
    def is_production(self) -> bool:
        return self.app_env is AppEnv.PRODUCTION

    @property
    def firebase_configured(self) -> bool:
        return self.firebase_credentials is not None or self.firebase_project_id is not None

    @property
    def uses_fcm(self) -> bool:
        if self.push_gateway is PushGatewayChoice.AUTO:
            return self.firebase_configured
        return self.push_gateway is PushGatewayChoice.FCM

    @property
    def refresh_delay(self) -> timedelta:
        return timedelta(seconds=self.matchmaking_refresh_delay_seconds)

    @property
    def uses_embedded_database(self) -> bool:
        return self.mongodb_uri is None

    @property
    def should_seed_demo(self) -> bool:
        """Seed the demo expo into an empty database: by default only on the embedded one."""
        return self.uses_embedded_database if self.seed_demo is None else self.seed_demo
