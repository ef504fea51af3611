#!/usr/bin/env bash
# A private RabbitMQ node for the conformance corpus (npm run conform, npm test).
#
#   scripts/rabbitmq.sh start [--port 5699] [--dir DIR]   start a node; prints KEY=VALUE lines
#                                                        (pid, node, url, dir, epmd_port)
#   scripts/rabbitmq.sh stop DIR                          stop the node started in DIR (by its PID)
#   scripts/rabbitmq.sh ctl DIR <rabbitmqctl args…>       rabbitmqctl against that node
#
# The node listens on 127.0.0.1 only, keeps its data, logs, config, Erlang cookie (HOME) and PID
# file under DIR (default: a new temp dir), and uses its own node name, AMQP port, distribution
# port (AMQP port + 20000) and epmd port (AMQP port + 100), so it never meets another broker on
# the machine. Installs Debian's rabbitmq-server when it is missing and we are root.
set -euo pipefail

RABBIT_BIN=/usr/lib/rabbitmq/bin
STARTUP_TIMEOUT_S=${RABBITMQ_STARTUP_TIMEOUT_S:-90}

die() { echo "rabbitmq.sh: $*" >&2; exit 1; }

ensure_installed() {
  [ -x "$RABBIT_BIN/rabbitmq-server" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "rabbitmq.sh: installing Debian's rabbitmq-server (apt-get install -y rabbitmq-server)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d keeps the package's own service from starting; we run our own node.
    apt-get install -y -qq rabbitmq-server >/dev/null
    [ -x "$RABBIT_BIN/rabbitmq-server" ] || die "rabbitmq-server installed but $RABBIT_BIN/rabbitmq-server is missing"
    return 0
  fi
  die "rabbitmq-server is not installed. Install it (Debian: sudo apt-get install -y rabbitmq-server) or pass --url to npm run conform."
}

# The environment every command for the node in $1 runs with.
node_env() {
  local dir=$1
  # shellcheck disable=SC1091
  . "$dir/state.env"
  export HOME="$dir" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$port" ERL_EPMD_PORT="$epmd_port" \
    RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PID_FILE="$dir/rabbit.pid" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
}

ctl() {
  local dir=$1; shift
  node_env "$dir"
  "$RABBIT_BIN/rabbitmqctl" -n "$node" "$@"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local port=5699 dir=""
  while [ $# -gt 0 ]; do
    case $1 in
      --port) port=${2:?--port needs a number}; shift 2 ;;
      --dir) dir=${2:?--dir needs a path}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1024 ] && [ "$port" -le 45000 ] || die "--port must be 1024…45000, got $port"
  ensure_installed
  port_open "$port" && die "port $port is already in use on 127.0.0.1 (another broker?); choose --port"
  local created=0
  if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/eventflow-rabbit.XXXXXX")
    created=1
  fi
  mkdir -p "$dir/mnesia" "$dir/log"
  dir=$(cd "$dir" && pwd)
  cat >"$dir/state.env" <<EOF
node=conform$port@localhost
port=$port
dist_port=$((port + 20000))
epmd_port=$((port + 100))
created=$created
EOF
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$port
loopback_users.guest = true
log.file.level = warning
log.console = false
EOF
  echo '[].' >"$dir/enabled_plugins"
  # Quorum queues publish their stats (messages, consumers) on a tick, 5 s by default, so
  # list_queues lags behind them; 100 ms makes queueStats on a quorum queue current.
  echo '[{rabbit, [{quorum_tick_interval, 100}]}].' >"$dir/advanced.config"
  : >"$dir/rabbitmq-env.conf"
  (umask 077 && head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/.erlang.cookie")
  node_env "$dir"
  # Our own epmd on our own port: started here, stopped by `stop`.
  epmd -port "$epmd_port" -daemon
  setsid "$RABBIT_BIN/rabbitmq-server" >"$dir/log/startup.out" 2>"$dir/log/startup.err" </dev/null &
  local pid=$!
  echo "pid=$pid" >>"$dir/state.env"
  # Readiness: `rabbitmqctl wait` (the node writes its PID file, then its apps start; bounded by
  # --timeout), then the AMQP port accepting connections.
  if ! "$RABBIT_BIN/rabbitmqctl" -n "$node" -q wait "$dir/rabbit.pid" --timeout "$STARTUP_TIMEOUT_S" >"$dir/log/await.out" 2>&1 ||
    ! port_open "$port"; then
    echo "rabbitmq.sh: the node did not start within ${STARTUP_TIMEOUT_S}s; its output:" >&2
    tail -n 20 "$dir/log/startup.out" "$dir/log/startup.err" "$dir/log/await.out" >&2 || true
    stop "$dir" || true
    exit 1
  fi
  echo "pid=$pid"
  echo "node=$node"
  echo "url=amqp://guest:guest@127.0.0.1:$port"
  echo "dir=$dir"
  echo "epmd_port=$epmd_port"
}

stop() {
  local dir=${1:?stop needs the node directory}
  [ -f "$dir/state.env" ] || die "$dir/state.env not found: no node started there"
  node_env "$dir"
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    # TERM: rabbitmq-server's own handler stops the node cleanly; then wait for the PID, bounded.
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$waited" -ge 600 ]; then
        echo "rabbitmq.sh: node $pid still running after 60s; sending KILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        local beam
        beam=$(cat "$dir/rabbit.pid" 2>/dev/null || true)
        [ -n "$beam" ] && kill -KILL "$beam" 2>/dev/null || true
        break
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true
  # A temp dir `start` made itself goes with the node; a --dir the caller gave stays.
  if [ "${created:-0}" = 1 ]; then
    case $dir in "${TMPDIR:-/tmp}"/eventflow-rabbit.*) rm -rf "$dir" ;; esac
  fi
  echo "stopped $node" >&2
}

cmd=${1:-}
shift || true
case $cmd in
  start) start "$@" ;;
  stop) stop "$@" ;;
  ctl) ctl "$@" ;;
  *) die "usage: rabbitmq.sh start [--port N] [--dir DIR] | stop DIR | ctl DIR <args…>" ;;
esac
