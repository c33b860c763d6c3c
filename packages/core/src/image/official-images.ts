/**
 * The repositories of Docker Hub's official images (`docker.io/library/<name>`), current and
 * retired: the names in docker-library/official-images's `library/` directory at 37079fb
 * (2026-08-21), with every name ever deleted from it (a retired image stays pullable, or its name
 * stays taken). Only Docker publishes under `library/`, so a one-part image name that is not here
 * names nothing on Docker Hub: a pull of it fails. A newer official image missing from this list
 * is only a name the rules that ask treat as unpublished.
 */
const OFFICIAL_IMAGES: ReadonlySet<string> = new Set([
  "adminer", "adoptopenjdk", "aerospike", "almalinux", "alpine", "alt", "amazoncorretto",
  "amazonlinux", "api-firewall", "arangodb", "archlinux", "azul-zulu", "backdrop", "bash",
  "bonita", "buildpack-deps", "busybox", "caddy", "cassandra", "celery", "centos", "chronograf",
  "cirros", "clearlinux", "clefos", "clickhouse", "clojure", "composer", "consul", "convertigo",
  "couchbase", "couchdb", "couchdb-nouveau", "crate", "crux", "dart", "debian", "django",
  "docker", "docker-dev", "drupal", "eclipse-mosquitto", "eclipse-temurin", "eggdrop",
  "elasticsearch", "elixir", "emqx", "erlang", "espocrm", "euleros", "express-gateway", "fedora",
  "flink", "fluentd", "friendica", "fsharp", "gazebo", "gcc", "geonetwork", "ghost", "glassfish",
  "golang", "gradle", "groovy", "haproxy", "haskell", "haxe", "hello-seattle", "hello-world",
  "hipache", "hitch", "hola-mundo", "httpd", "hylang", "ibm-semeru-runtimes", "ibmjava",
  "influxdb", "iojs", "irssi", "java", "jenkins", "jetty", "jobber", "joomla", "jruby", "julia",
  "kaazing-gateway", "kapacitor", "kibana", "known", "kong", "krakend", "lightstreamer",
  "lightstreamer-server", "liquibase", "logstash", "mageia", "mariadb", "matomo", "maven",
  "mediawiki", "memcached", "mongo", "mongo-express", "monica", "mono", "mosquitto", "mysql",
  "nats", "nats-streaming", "neo4j", "neurodebian", "nextcloud", "nginx", "nim", "node", "notary",
  "notary-server", "notary-signer", "nuxeo", "odoo", "open-liberty", "openjdk", "opensuse",
  "oraclelinux", "orientdb", "owncloud", "percona", "perl", "photon", "php", "php-zendserver",
  "phpmyadmin", "piwik", "plone", "postfixadmin", "postgres", "pypy", "python", "r-base",
  "rabbitmq", "rails", "rakudo-star", "rapidoid", "redis", "redmine", "registry", "rethinkdb",
  "rocket.chat", "rockylinux", "ros", "ruby", "rust", "sapmachine", "satosa", "sentry",
  "silverpeas", "sl", "solr", "sonarqube", "sourcemage", "spark", "spiped", "storm", "swarm",
  "swift", "swipl", "teamspeak", "telegraf", "thrift", "tomcat", "tomee", "traefik", "ubuntu",
  "ubuntu-debootstrap", "ubuntu-upstart", "unit", "varnish", "vault", "websphere-liberty",
  "wordpress", "xwiki", "yourls", "zend-php", "znc", "zookeeper"
]);

/** Whether `name` (the repository under `library/`, e.g. `nginx`) is one of Docker Hub's official images. */
export function isOfficialImageName(name: string): boolean {
  return OFFICIAL_IMAGES.has(name);
}
