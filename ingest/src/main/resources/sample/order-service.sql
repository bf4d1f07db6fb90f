-- Sample order service schema (Vigil CDC relay demo and tests).
-- The service writes its state (orders) and the event describing the change (outbox) in ONE
-- transaction; Debezium reads the outbox from the WAL and the relay publishes it to Kafka.

CREATE TABLE IF NOT EXISTS orders (
    id          text           PRIMARY KEY,
    customer_id text           NOT NULL,
    status      text           NOT NULL,
    total       numeric(18, 2) NOT NULL,
    currency    char(3)        NOT NULL,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now()
);

-- Columns as Debezium's outbox EventRouter expects them. aggregatetype picks the topic
-- (<aggregatetype>.events), aggregateid is the record key, type the event (the Avro union branch),
-- payload the event in natural JSON.
CREATE TABLE IF NOT EXISTS outbox (
    id            uuid        PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now()
);

-- Written by the relay's heartbeat query so that the replication slot advances while the
-- outbox is idle (the relay also creates it when missing).
CREATE TABLE IF NOT EXISTS vigil_heartbeat (
    id integer     PRIMARY KEY,
    ts timestamptz NOT NULL
);
