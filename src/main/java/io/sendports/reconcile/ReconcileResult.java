package io.sendports.reconcile;

/** What one reconcile of a port did, as in a Strimzi reconcile loop. */
public enum ReconcileResult {
    NOOP, CREATED, UPDATED, DELETED, FAILED
}
