"""Quality and speed benchmarks against ../shared/benchmarks and peer tools."""
