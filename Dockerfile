# lambdabox container image: build with the official Rust image, run on slim Debian as a
# non-root user with all data in the /data volume.
#
#   docker build -t lambdabox .
#   docker run -d --name lambdabox -p 8080:8080 -v lambdabox-data:/data lambdabox
#
# CI builds and runs exactly this file with podman (scripts/container-test.sh), on base images
# it makes locally under these same names. The base images are build arguments so that other
# machines without a registry can do the same; the defaults are what everyone else gets.
ARG RUST_IMAGE=rust:1-slim-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${RUST_IMAGE} AS builder
WORKDIR /src
# The whole build context, trimmed by .dockerignore: Cargo.toml names targets under tests/ and
# benches/ (cargo refuses a manifest whose targets are missing, even for `--bin lambdabox`), and
# a build.rs or a new folder it reads needs no change here.
COPY . .
# Cache mounts (BuildKit, buildah) keep downloaded crates and compiled dependencies between
# builds, so a source change recompiles only lambdabox itself.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin lambdabox \
    && cp target/release/lambdabox /usr/local/bin/lambdabox

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 lambdabox \
    && useradd --system --uid 10001 --gid lambdabox --home-dir /data --shell /usr/sbin/nologin lambdabox \
    && mkdir -p /data && chown lambdabox:lambdabox /data && chmod 0700 /data
COPY --from=builder /usr/local/bin/lambdabox /usr/local/bin/lambdabox
ENV LAMBDABOX_BIND=0.0.0.0:8080 \
    LAMBDABOX_DATA_DIR=/data \
    LAMBDABOX_LOG_FORMAT=json
USER lambdabox:lambdabox
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/lambdabox", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/lambdabox"]
CMD ["serve"]
