"""What every scenario of one run gets: the server's address and environment, the size, a repeat factor."""

import dataclasses


@dataclasses.dataclass
class Context:
    size: str
    host: str
    port: int
    env: dict
    quick: bool = False  # shorter measurements (tests of the harness), same checks

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def seconds(self) -> int:
        return 2 if self.quick else 8
