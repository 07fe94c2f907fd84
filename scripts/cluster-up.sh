#!/usr/bin/env bash
# Server mode on one machine, for testing: PostgreSQL + N Streamlit processes + nginx with sticky
# sessions, all on 127.0.0.1. See docs/deployment.md for the real thing.
#
#   scripts/cluster-up.sh [N]      start (default N=3) and print the URL
#   scripts/cluster-up.sh status   show what runs
#   scripts/cluster-up.sh down     stop everything started here (the data stays in $CLUSTER_DIR)
#
# Environment: CLUSTER_DIR (default /tmp/assessment-cluster), CLUSTER_PORT (nginx, 8080),
# CLUSTER_PG_PORT (55432), CLUSTER_APP_PORT (first Streamlit port, 8601), ASSESSMENT_AUTH
# (login mode for the app: local (default here), oidc or none).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
DIR=${CLUSTER_DIR:-/tmp/assessment-cluster}
PORT=${CLUSTER_PORT:-8080}
PG_PORT=${CLUSTER_PG_PORT:-55432}
APP_PORT=${CLUSTER_APP_PORT:-8601}
PY=${PYTHON:-$REPO/.venv/bin/python}
DB=assessment
# No password in the URL: libpq reads it from the owner-only $PGPASSFILE (see up()).
DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$DB"
export PGPASSFILE=$DIR/pgpass
export PATH=$PATH:/usr/sbin   # nginx lives here on Debian; not on every user's PATH

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [[ -n $found ]] || { echo "PostgreSQL not installed: apt-get install -y postgresql" >&2; exit 1; }
  echo "$found"
}

# PostgreSQL refuses to run as root; under root its tools run as the 'postgres' system user.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_pidfile() {
  local file=$1
  [[ -f $file ]] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$file"
}

down() {
  [[ -d $DIR ]] || { echo "nothing to stop"; return 0; }
  if [[ -f $DIR/nginx/nginx.pid ]]; then
    local nginx_pid
    nginx_pid=$(cat "$DIR/nginx/nginx.pid")
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$DIR/nginx/nginx.pid"
  fi
  for file in "$DIR"/app-*.pid; do [[ -e $file ]] && stop_pidfile "$file"; done
  if [[ -f $DIR/pg/postmaster.pid ]]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null || true
  fi
  echo "stopped (data kept in $DIR; remove it to start from scratch)"
}

status() {
  [[ -f $DIR/pg/postmaster.pid ]] && echo "postgresql: 127.0.0.1:$PG_PORT ($DIR/pg)" || echo "postgresql: down"
  for file in "$DIR"/app-*.pid; do
    [[ -e $file ]] || continue
    local pid
    pid=$(cat "$file")
    kill -0 "$pid" 2>/dev/null && echo "streamlit: $(basename "$file" .pid) pid $pid" || echo "streamlit: $(basename "$file" .pid) dead"
  done
  [[ -f $DIR/nginx/nginx.pid ]] && echo "nginx: http://127.0.0.1:$PORT/" || echo "nginx: down"
}

wait_http() {
  local url=$1
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "no answer from $url" >&2
  return 1
}

up() {
  local n=${1:-3}
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive number" >&2; exit 1; }
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { echo "nginx not installed: apt-get install -y nginx" >&2; exit 1; }
  mkdir -p "$DIR"
  [[ $(id -u) -eq 0 ]] && chmod 755 "$DIR"

  # 1. PostgreSQL on loopback; the database and its data survive `down` and `up` again. Logins
  # need the password (scram-sha-256), also over the socket: any local user could otherwise be
  # the superuser. The password is random, kept owner-only in $DIR/pg-password and $PGPASSFILE.
  local bin pw
  bin=$(pg_bin)
  if [[ ! -f $DIR/pg-password ]]; then
    (umask 077; "$PY" -c "import secrets; print(secrets.token_hex(24))" >"$DIR/pg-password")
  fi
  pw=$(cat "$DIR/pg-password")
  (umask 077; printf '127.0.0.1:*:*:postgres:%s\n' "$pw" >"$PGPASSFILE")
  if [[ ! -d $DIR/pg ]]; then
    mkdir -p "$DIR/pg"
    # initdb runs as 'postgres' under root and reads the password file itself.
    [[ $(id -u) -eq 0 ]] && chown postgres: "$DIR/pg" "$DIR/pg-password"
    as_pg "$bin/initdb" -D "$DIR/pg" -U postgres --auth=scram-sha-256 --pwfile="$DIR/pg-password" \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  elif as_pg grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$DIR/pg/pg_hba.conf"; then
    echo "$DIR/pg was made with trust authentication by an older version of this script:" >&2
    echo "remove $DIR (its data is for testing) and start again" >&2
    exit 1
  fi
  if [[ ! -f $DIR/pg/postmaster.pid ]]; then
    as_pg "$bin/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$DIR/pg" start >/dev/null
  fi
  as_pg env PGPASSWORD="$pw" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
    || as_pg env PGPASSWORD="$pw" "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB"
  # Migrate once before the app processes start (each would also do it, serialised by a lock).
  DATABASE_URL=$DATABASE_URL "$PY" -m assessment storage info >/dev/null

  # 2. N Streamlit processes. One shared cookie secret, so a login cookie stays valid whichever
  # process a browser lands on after a restart.
  # Owner-only: whoever reads the secret can forge login cookies.
  [[ -f $DIR/cookie-secret ]] || (umask 077; "$PY" -c "import secrets; print(secrets.token_hex(32))" >"$DIR/cookie-secret")
  chmod 600 "$DIR/cookie-secret"
  local secret upstreams="" i port
  secret=$(cat "$DIR/cookie-secret")
  for i in $(seq 1 "$n"); do
    port=$((APP_PORT + i - 1))
    upstreams+="    server 127.0.0.1:$port max_fails=0;"$'\n'
    if [[ -f $DIR/app-$i.pid ]] && kill -0 "$(cat "$DIR/app-$i.pid")" 2>/dev/null; then continue; fi
    DATABASE_URL=$DATABASE_URL ASSESSMENT_AUTH=${ASSESSMENT_AUTH:-local} \
      STREAMLIT_SERVER_COOKIE_SECRET=$secret \
      nohup "$PY" -m streamlit run "$REPO/streamlit_app.py" \
        --server.address 127.0.0.1 --server.port "$port" --server.headless true \
        --browser.gatherUsageStats false \
        >"$DIR/app-$i.log" 2>&1 &
    echo $! >"$DIR/app-$i.pid"
  done

  # 3. nginx: sticky by cookie. Streamlit keeps each session's state in one process, so every
  # request and the WebSocket of a browser must reach the same process. ip_hash would put a whole
  # workshop behind one venue NAT address on a single process; a cookie spreads them.
  mkdir -p "$DIR/nginx/logs" "$DIR/nginx/tmp"
  # Started as root, nginx's master must stay root only to drop its workers (the processes that
  # talk to browsers) to an unprivileged user; as any other user everything runs as that user.
  local user_line=""
  [[ $(id -u) -eq 0 ]] && user_line="user nobody $(id -gn nobody);"
  cat >"$DIR/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $DIR/nginx/logs/access.log;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  # The largest upload the app accepts (a screening spreadsheet, 100 MB); Streamlit's own limit
  # is the same (.streamlit/config.toml server.maxUploadSize).
  client_max_body_size 100m;

  map \$cookie_assessment_route \$route_key {
    ""      \$request_id;
    default \$cookie_assessment_route;
  }
  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    ""      close;
  }
  upstream streamlit {
    hash \$route_key consistent;
$upstreams  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://streamlit;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 86400s;
      proxy_buffering off;
      add_header Set-Cookie "assessment_route=\$route_key; Path=/; HttpOnly; SameSite=Lax" always;
      # For testing stickiness: which process answered.
      add_header X-Assessment-Backend \$upstream_addr always;
    }
  }
}
EOF
  nginx -t -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" 2>/dev/null || nginx -t -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
  if [[ -f $DIR/nginx/nginx.pid ]] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null; then
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload 2>/dev/null
  else
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
  fi

  for i in $(seq 1 "$n"); do wait_http "http://127.0.0.1:$((APP_PORT + i - 1))/_stcore/health"; done
  wait_http "http://127.0.0.1:$PORT/_stcore/health"
  echo "up: $n Streamlit processes behind http://127.0.0.1:$PORT/ (database $DATABASE_URL)"
  echo "create a login:  PGPASSFILE=$PGPASSFILE DATABASE_URL=$DATABASE_URL $PY -m assessment storage user-add anna --password"
  echo "                 PGPASSFILE=$PGPASSFILE DATABASE_URL=$DATABASE_URL $PY -m assessment storage grant default anna editor"
  echo "stop:            $0 down"
}

case ${1:-up} in
  down) down ;;
  status) status ;;
  up) up "${2:-3}" ;;
  *) up "$1" ;;
esac
