/**
 * The gallery's store of record: every enrolled reference committed durably before it is
 * acknowledged, in SQLite (embedded, the default), PostgreSQL (replicas sharing one
 * gallery, kept current by LISTEN/NOTIFY and a per-model change sequence) or memory
 * (throwaway). Plain JDBC and Flyway; depends on no other package of the service.
 */
package io.siameseverify.gallery.store;
