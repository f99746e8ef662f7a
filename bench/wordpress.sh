#!/usr/bin/env bash
# WordPress from Debian's packages on the same news article as Manşet's benchmark, on this machine.
#   bash bench/wordpress.sh      (from the repository root, as root on Debian 12)
# Installs what is missing from Debian's packages (wordpress 6.1, its default theme twentytwentythree and language
# files, mariadb-server, php-fpm, php-mysql, nginx-light, wrk, curl; no service is started by the install), then runs
# a throw-away site on 127.0.0.1 only: its own MariaDB (own data directory, unix socket, no TCP), php-fpm and nginx.
# The post is the demo newspaper's lead story (src/Manset.Web/Data/Demo: the first article with two sub-headings and
# a quote), spot first, in category Gündem with its tags; site language tr_TR, pretty permalinks /%category%/%postname%/.
# Environment: DURATION (seconds, 20), CONNECTIONS (64), THREADS (2), WARMUP (seconds, 5),
#   PHP_WORKERS (php-fpm children, 2 per core), WP_LOCALE (tr_TR; en_US for WordPress's English default),
#   PERMALINKS (/%category%/%postname%/; empty for plain ?p=ID links).
# Prints WORDPRESS_RPS=<requests/s>, a table line and the CPU time per request (php-fpm + MariaDB + nginx, which does
# not depend on how busy the machine is); the raw wrk output and the page are kept under bench/results/<time>-wordpress/.
# Exits 2 with one line "wordpress: not measured: <reason>" on stderr when WordPress cannot be installed or started.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}; CONNECTIONS=${CONNECTIONS:-64}; THREADS=${THREADS:-2}; WARMUP=${WARMUP:-5}
PHP_WORKERS=${PHP_WORKERS:-$(( $(nproc) * 2 ))}; WP_LOCALE=${WP_LOCALE:-tr_TR}
PERMALINKS=${PERMALINKS-/%category%/%postname%/}
START=$SECONDS

fail() { echo "wordpress: not measured: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || fail "needs root (Debian packages, php-fpm's www-data pool, /etc/wordpress)"
command -v apt-get >/dev/null && command -v dpkg-query >/dev/null || fail "not a Debian system (no apt-get)"
ls src/Manset.Web/Data/Demo/articles-*.json >/dev/null 2>&1 || fail "no demo articles under src/Manset.Web/Data/Demo"

# --- 1. packages -------------------------------------------------------------------------------------------------
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
NEED=()
for p in wordpress wordpress-theme-twentytwentythree php-fpm php-mysql mariadb-server wrk curl; do installed "$p" || NEED+=("$p"); done
[ "$WP_LOCALE" = en_US ] || installed wordpress-l10n || NEED+=(wordpress-l10n)
command -v nginx >/dev/null || NEED+=(nginx-light)
POLICY_MADE=
cleanup_policy() { [ -z "$POLICY_MADE" ] || rm -f /usr/sbin/policy-rc.d; POLICY_MADE=; }
if [ ${#NEED[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${NEED[*]}…"
  if [ ! -e /usr/sbin/policy-rc.d ]; then # keep the packages' services (mariadb, php-fpm, nginx) from starting
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; POLICY_MADE=1
    trap cleanup_policy EXIT
  fi
  LOG=$(mktemp /tmp/manset-wp-apt.XXXX)
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${NEED[@]}"; } >"$LOG" 2>&1; then
    reason=$(grep -E '^(E|W): ' "$LOG" | head -1); rm -f "$LOG"; cleanup_policy
    fail "apt-get could not install ${NEED[*]}: ${reason:-see apt-get output}"
  fi
  rm -f "$LOG"; cleanup_policy
fi
PACKAGES_S=$(( SECONDS - START ))
PHP_FPM=$(ls /usr/sbin/php-fpm* 2>/dev/null | sort -V | tail -1 || true)
for tool in mariadb-install-db mariadbd mariadb mariadb-admin nginx wrk curl php "$PHP_FPM"; do
  command -v "$tool" >/dev/null || fail "'$tool' is missing after installing the packages"
done
[ -f /usr/share/wordpress/wp-load.php ] || fail "/usr/share/wordpress is not Debian's wordpress package"
[ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || fail "the twentytwentythree theme is missing"
WP_VERSION=$(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;')

# --- 2. a throw-away site ----------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/manset-wp.XXXX); chmod 755 "$WORK" # php-fpm's www-data workers reach the sockets here
RESULTS=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-wordpress
mkdir -p "$RESULTS"
PORT=$(php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];')
NAME=mansetbench-$PORT # Debian's wp-config.php reads /etc/wordpress/config-$WORDPRESS_CONFIG.php when that is set
CONF=/etc/wordpress/config-$NAME.php
[ ! -e "$CONF" ] || fail "$CONF exists already"
DBPID=; FPMPID=
cleanup() {
  [ ! -f "$WORK/nginx/nginx.pid" ] || kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  for p in $FPMPID $DBPID; do kill "$p" 2>/dev/null || true; done
  for p in $FPMPID $DBPID; do wait "$p" 2>/dev/null || true; done # MariaDB shuts down cleanly on TERM
  for _ in $(seq 1 50); do [ -f "$WORK/nginx/nginx.pid" ] || break; sleep 0.1; done
  rm -f "$CONF"; rm -rf "$WORK"; cleanup_policy
  [ -f "$RESULTS/wrk.txt" ] || rm -rf "$RESULTS" # nothing measured: keep no empty result
}
trap cleanup EXIT

echo "Starting MariaDB (own data directory, unix socket only)…"
SOCK=$WORK/mysqld.sock
mariadb-install-db --no-defaults --datadir="$WORK/db" --user=root --auth-root-authentication-method=socket \
  --skip-test-db >"$WORK/db-install.log" 2>&1 || fail "mariadb-install-db failed: $(tail -1 "$WORK/db-install.log")"
mariadbd --no-defaults --datadir="$WORK/db" --socket="$SOCK" --skip-networking --user=root \
  --pid-file="$WORK/mysqld.pid" --log-error="$WORK/mysqld.err" >"$WORK/mysqld.out" 2>&1 &
DBPID=$!
for _ in $(seq 1 100); do mariadb-admin --no-defaults -S "$SOCK" -uroot ping >/dev/null 2>&1 && break; sleep 0.2; done
mariadb-admin --no-defaults -S "$SOCK" -uroot ping >/dev/null 2>&1 || fail "MariaDB did not start: $(tail -1 "$WORK/mysqld.err")"
DBPASS=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mariadb --no-defaults -S "$SOCK" -uroot <<SQL || fail "could not create the database"
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DBPASS';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

install -m 640 -o root -g www-data /dev/null "$CONF"
cat >"$CONF" <<PHP
<?php
/* Manşet bench/wordpress.sh: a throw-away site, removed when the script ends. */
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$DBPASS');
define('DB_HOST', 'localhost:$SOCK');
define('WP_HOME', 'http://127.0.0.1:$PORT');
define('WP_SITEURL', 'http://127.0.0.1:$PORT');
define('DISABLE_WP_CRON', true); /* no internet here: keep cron's update checks out of the measurement */
PHP

echo "Starting php-fpm ($PHP_WORKERS workers) and nginx on 127.0.0.1:$PORT…"
cat >"$WORK/php-fpm.conf" <<CONF
[global]
pid = $WORK/php-fpm.pid
error_log = $WORK/php-fpm.log
daemonize = no
[wordpress]
user = www-data
group = www-data
listen = $WORK/php-fpm.sock
listen.mode = 0666
pm = static
pm.max_children = $PHP_WORKERS
pm.status_path = /fpm-status
CONF
"$PHP_FPM" -F -y "$WORK/php-fpm.conf" >"$WORK/php-fpm.out" 2>&1 &
FPMPID=$!
mkdir -p "$WORK/nginx/logs"
# Debian's nginx (security update) passes HTTP_HOST as $host, without the port: WordPress's canonical redirect then
# sends every pretty link to itself. Pass the Host with the port instead.
grep -v 'HTTP_HOST' /etc/nginx/fastcgi_params >"$WORK/nginx/fastcgi_params"
echo 'fastcgi_param  HTTP_HOST  $host:$server_port;' >>"$WORK/nginx/fastcgi_params"
cat >"$WORK/nginx/nginx.conf" <<CONF
user $(id -un);
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {
    listen 127.0.0.1:$PORT;
    root /usr/share/wordpress;
    index index.php;
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location = /fpm-status {
      include $WORK/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /fpm-status;
      fastcgi_pass unix:$WORK/php-fpm.sock;
    }
    location ~ \.php\$ {
      try_files \$uri =404;
      include $WORK/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_param WORDPRESS_CONFIG $NAME;
      fastcgi_pass unix:$WORK/php-fpm.sock;
    }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/logs/start.log" || fail "nginx did not start: $(tail -1 "$WORK/nginx/logs/start.log")"
for _ in $(seq 1 50); do [ -S "$WORK/php-fpm.sock" ] && break; sleep 0.1; done
[ -S "$WORK/php-fpm.sock" ] || fail "php-fpm did not start: $(tail -1 "$WORK/php-fpm.out")"

echo "Installing WordPress $WP_VERSION ($WP_LOCALE) and writing the article…"
# php's CLI finds the site's config the way nginx's requests do: Host 127.0.0.1:PORT, WORDPRESS_CONFIG=$NAME.
export WP_BENCH_HOST="127.0.0.1:$PORT" WP_BENCH_CONFIG="$NAME" WP_BENCH_LOCALE="$WP_LOCALE" WP_BENCH_PERMALINKS="$PERMALINKS"
export WP_BENCH_BOOT="$WORK/boot.php"
cat >"$WORK/boot.php" <<'PHP'
<?php
$_SERVER['HTTP_HOST'] = getenv('WP_BENCH_HOST'); $_SERVER['WORDPRESS_CONFIG'] = getenv('WP_BENCH_CONFIG');
$_SERVER['REQUEST_URI'] = '/'; $_SERVER['REQUEST_METHOD'] = 'GET'; $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
PHP
php -d display_errors=stderr -r '
  require getenv("WP_BENCH_BOOT"); define("WP_INSTALLING", true);
  require "/usr/share/wordpress/wp-load.php"; require_once ABSPATH . "wp-admin/includes/upgrade.php";
  $locale = getenv("WP_BENCH_LOCALE");
  $r = wp_install("Manşet karşılaştırma", "admin", "admin@example.invalid", true, "", wp_generate_password(24), $locale === "en_US" ? "" : $locale);
  if (empty($r["user_id"])) { fwrite(STDERR, "wp_install returned no user\n"); exit(1); }
' >"$WORK/install.log" 2>&1 \
  || fail "wp_install failed: $(grep -v '^\s*$' "$WORK/install.log" | tail -1)"
POST=$(php -d display_errors=stderr -r '
  require getenv("WP_BENCH_BOOT"); require "/usr/share/wordpress/wp-load.php";
  $article = null;
  foreach (glob("src/Manset.Web/Data/Demo/articles-*.json") as $file)
    foreach (json_decode(file_get_contents($file), true) as $a)
      if (!$article && substr_count($a["body"], "<h2>") >= 2 && strpos($a["body"], "<blockquote") !== false) $article = $a;
  if (!$article) { fwrite(STDERR, "no demo article with two sub-headings and a quote\n"); exit(1); }
  $names = ["gundem" => "Gündem", "ekonomi" => "Ekonomi", "spor" => "Spor", "dunya" => "Dünya", "yasam" => "Yaşam"];
  $cat = wp_insert_term($names[$article["category"]] ?? ucfirst($article["category"]), "category", ["slug" => $article["category"]]);
  $id = wp_insert_post([
    "post_title" => $article["title"], "post_excerpt" => $article["spot"], "post_status" => "publish", "post_author" => 1,
    "post_content" => "<p class=\"spot\"><strong>" . esc_html($article["spot"]) . "</strong></p>\n" . $article["body"],
    "post_category" => [is_wp_error($cat) ? 1 : $cat["term_id"]], "tags_input" => $article["tags"],
  ], true);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
  global $wp_rewrite; $wp_rewrite->set_permalink_structure(getenv("WP_BENCH_PERMALINKS"));
  create_initial_taxonomies(); flush_rewrite_rules(false); // as wp-cli does: the reset forgot %category%; no .htaccess
  echo get_permalink($id);
' 2>"$WORK/post.log") || fail "could not write the post: $(grep -v '^\s*$' "$WORK/post.log" | tail -1)"
[ -n "$POST" ] || fail "no permalink for the post"

code=$(curl -sS -o "$RESULTS/page.html" -w '%{http_code} %{redirect_url}' "$POST" 2>/dev/null) || code=000
[ "$code" = "200 " ] || fail "the post page answered $code ($POST): $(tail -1 "$WORK/nginx/logs/error.log" 2>/dev/null)"
grep -q '<blockquote' "$RESULTS/page.html" || fail "the post page does not show the article"
grep -q 'wp-content/themes/twentytwentythree\|wp-block-template-part' "$RESULTS/page.html" || echo "warning: the page does not look like twentytwentythree"
SIZE=$(wc -c <"$RESULTS/page.html")
SETUP_S=$(( SECONDS - START ))
echo "Post: $POST ($SIZE bytes of HTML); setup took ${SETUP_S}s (packages ${PACKAGES_S}s)"

# --- 3. measure --------------------------------------------------------------------------------------------------
# wrk's default 2 s timeout is close to WordPress's latency under 64 connections: give it 10 s so slow answers count.
echo "Warming up ${WARMUP}s, then wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency --timeout 10s…"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s "$POST" >"$RESULTS/warmup.txt" 2>&1
# php-fpm still works through the requests the warm-up left queued: wait until it is idle (only the status request).
idle() { curl -fsS "http://127.0.0.1:$PORT/fpm-status" 2>/dev/null | awk '/^active processes/ {a=$3} /^listen queue:/ {q=$3} END {exit !(a == 1 && q == 0)}'; }
for _ in $(seq 1 240); do idle && break; sleep 0.5; done
LOAD=$(cut -d' ' -f1-3 /proc/loadavg) # this machine is shared: say how busy it was
SINGLE=$(for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -w '%{time_total}\n' "$POST"; done | sort -n | sed -n 3p)
# CPU time the site's processes spend per request does not depend on how busy the (shared) machine is.
ticks() { local t=0 p rest; for p in "$@"; do rest=$(cat "/proc/$p/stat" 2>/dev/null) || continue; rest=${rest##*) }
  set -- $rest; t=$(( t + ${12} + ${13} )); done; echo "$t"; } # utime + stime of the given processes
NGINXPID=$(cat "$WORK/nginx/nginx.pid")
FPM_PIDS="$FPMPID $(pgrep -P "$FPMPID" | tr '\n' ' ')"; NGINX_PIDS="$NGINXPID $(pgrep -P "$NGINXPID" | tr '\n' ' ')"
CPU0="$(ticks $FPM_PIDS) $(ticks $DBPID) $(ticks $NGINX_PIDS)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s "$POST" >"$RESULTS/wrk.txt" 2>&1
CPU1="$(ticks $FPM_PIDS) $(ticks $DBPID) $(ticks $NGINX_PIDS)"
# php-fpm may still finish requests wrk gave up on; the count is wrk's, so this errs on the high side.
REQUESTS=$(awk '/requests in/ {print $1}' "$RESULTS/wrk.txt")
CPU=$(awk -v a="$CPU0" -v b="$CPU1" -v n="${REQUESTS:-0}" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" 'BEGIN {
  split(a, x); split(b, y); if (n == 0) exit; for (i = 1; i <= 3; i++) ms[i] = (y[i] - x[i]) * 1000 / hz / n
  t = ms[1] + ms[2] + ms[3]
  printf "%.0f ms CPU per request (php-fpm %.0f, MariaDB %.1f, nginx %.1f): at most %.0f req/s on %d idle cores", t, ms[1], ms[2], ms[3], cores * 1000 / t, cores }')
RPS=$(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk.txt")
P50=$(awk '$1 == "50%" {print $2}' "$RESULTS/wrk.txt"); P99=$(awk '$1 == "99%" {print $2}' "$RESULTS/wrk.txt")
ERRORS=$(grep -E 'Non-2xx|Socket errors' "$RESULTS/wrk.txt" | tr -s ' ' | paste -sd';' - || true)
[ -n "$RPS" ] && [ "$RPS" != 0.00 ] || { cat "$RESULTS/wrk.txt"; echo "bench: wrk gave no result"; exit 1; }
{
  echo "WORDPRESS_RPS=$RPS"
  printf '| %-62s | %10s | %8s | %8s | %12s |\n' "what" "req/s" "p50" "p99" "page bytes"
  printf '| %-62s | %10s | %8s | %8s | %12s |\n' "WordPress $WP_VERSION (Debian), $WP_LOCALE, twentytwentythree, nginx + php-fpm ×$PHP_WORKERS" "$RPS" "$P50" "$P99" "$SIZE"
  [ -z "$ERRORS" ] || echo "wrk: $ERRORS"
  [ -z "$CPU" ] || echo "$CPU"
  echo
  echo "post: ${POST#http://127.0.0.1:$PORT}; one request alone: $(awk -v t="$SINGLE" 'BEGIN {printf "%.0f ms", t * 1000}'); setup ${SETUP_S}s; load average before: $LOAD; machine: $(nproc) cores, $(uname -r); $(php -v | head -1 | cut -d' ' -f1-2); $(mariadbd --version | grep -o 'Ver [^ ]*' | head -1 | sed 's/Ver/MariaDB/'); $(nginx -v 2>&1 | sed 's/.*: //'); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 10s"
} | tee "$RESULTS/summary.md"
