# lambdabox container image: build with the official Rust image, run on slim Debian as a
# non-root user with all data in the /data volume.
#
#   docker build -t lambdabox .
#   docker run -d --name lambdabox -p 8080:8080 -v lambdabox-data:/data lambdabox
#
# The base images are build arguments only so that the image can be verified on machines that
# build their base images locally; the defaults are what everyone else gets.
ARG RUST_IMAGE=rust:1-slim-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${RUST_IMAGE} AS builder
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY templates ./templates
COPY static ./static
COPY migrations ./migrations
RUN cargo build --release --locked --bin lambdabox \
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
