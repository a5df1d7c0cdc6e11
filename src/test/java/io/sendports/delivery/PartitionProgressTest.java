package io.sendports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.sendports.message.InboundMessage;

/**
 * The at-least-once rules of one partition, without a broker, a thread or a clock: what may be committed while
 * units finish in any order, fail, are dropped or wait, and when the partition is to be paused.
 */
class PartitionProgressTest {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    private final PartitionProgress progress = new PartitionProgress();

    @Test
    void nothingIsCommittableBeforeARecordWasTaken() {
        assertEquals(-1, progress.committable());
        assertEquals(-1, progress.toCommit());
    }

    @Test
    void theLowestUnfinishedOffsetIsCommittableWhileLaterUnitsFinishFirst() {
        List<DeliveryUnit> units = take(0, 5);
        List<DeliveryUnit> started = startAll();
        assertEquals(units, started);
        for (int i = 4; i >= 1; i--) {
            progress.finished(units.get(i), false);
            assertEquals(0, progress.committable(), "offset 0 is in flight after " + i + " finished");
        }
        progress.finished(units.get(0), false);
        assertEquals(5, progress.committable());
    }

    @Test
    void aGapInTheMiddleHoldsTheCommitAtTheGap() {
        List<DeliveryUnit> units = take(0, 6);
        startAll();
        progress.finished(units.get(0), false);
        progress.finished(units.get(1), false);
        progress.finished(units.get(3), false);
        progress.finished(units.get(5), false);
        assertEquals(2, progress.committable());
        progress.finished(units.get(2), false);
        assertEquals(4, progress.committable());
        progress.finished(units.get(4), false);
        assertEquals(6, progress.committable());
    }

    @Test
    void filteredRecordsAreFinishedAsSoonAsTheyAreTaken() {
        // Offsets 0..9 polled; only 3 and 7 were accepted.
        DeliveryUnit three = unit(3);
        DeliveryUnit seven = unit(7);
        progress.enqueue(three);
        progress.enqueue(seven);
        progress.taken(9);
        assertEquals(3, progress.committable());
        startAll();
        progress.finished(three, false);
        assertEquals(7, progress.committable());
        progress.finished(seven, false);
        assertEquals(10, progress.committable());
    }

    @Test
    void aFailedUnitIsSoughtBackToOnceNothingOfThePartitionIsInFlight() {
        List<DeliveryUnit> units = take(0, 5);
        // Three started, two queued.
        progress.start();
        progress.start();
        progress.start();
        progress.finished(units.get(1), true);
        assertFalse(progress.startable(false), "a failed partition starts nothing more");
        assertFalse(progress.hasQueued(), "what was queued behind the failure is dropped, to be read again");
        assertEquals(0, progress.committable());
        assertFalse(progress.rewindDue(), "units 0 and 2 are still in flight");
        assertEquals(-1, progress.rewind(0));

        progress.finished(units.get(0), false);
        assertEquals(1, progress.committable(), "nothing at or after the failed unit is committable");
        progress.finished(units.get(2), false);
        assertEquals(1, progress.committable(), "a later unit that finished does not move the commit past 1");
        assertTrue(progress.rewindDue());
        assertEquals(1, progress.rewind(0));
        assertEquals(1, progress.committable());
        assertFalse(progress.rewindDue(), "sought back once");

        // Read again from 1.
        List<DeliveryUnit> again = take(1, 4);
        startAll();
        again.forEach(unit -> progress.finished(unit, false));
        assertEquals(5, progress.committable());
    }

    @Test
    void theEarliestOfSeveralFailedUnitsIsSoughtBackTo() {
        List<DeliveryUnit> units = take(0, 4);
        startAll();
        progress.finished(units.get(3), true);
        progress.finished(units.get(1), true);
        progress.finished(units.get(2), false);
        progress.finished(units.get(0), false);
        assertEquals(1, progress.rewind(0));
    }

    @Test
    void aRewoundPartitionIsPausedForTheRewindPause() {
        List<DeliveryUnit> units = take(0, 1);
        startAll();
        progress.finished(units.get(0), true);
        assertTrue(progress.paused(1_000), "a failed partition is paused until it is sought back");
        progress.rewind(1_000);
        assertTrue(progress.paused(1_000));
        assertTrue(progress.paused(1_000 + PartitionProgress.REWIND_PAUSE_MILLIS - 1));
        assertFalse(progress.paused(1_000 + PartitionProgress.REWIND_PAUSE_MILLIS));
        assertFalse(progress.paused(999), "a clock that went back ends the pause rather than prolonging it");
    }

    @Test
    void droppedQueuedUnitsHandTheirPositionBack() {
        // The bug of commit 979c9d7: a record polled just before a stop was queued, dropped, and committed.
        List<DeliveryUnit> units = take(0, 10);
        DeliveryUnit first = progress.start();
        progress.finished(first, false);
        progress.dropQueued();
        assertEquals(1, progress.committable(), "offsets 1..9 were taken but never delivered");
        assertEquals(1, progress.toCommit());
        assertFalse(progress.hasQueued());
        assertEquals(0, progress.queuedMessages());
        assertEquals(units.get(1).firstOffset(), progress.committable());
    }

    @Test
    void aRevocationWithUnitsQueuedAndInFlightHandsBackTheFirstUndeliveredRecord() {
        // The case of commit 57d8d33: revoked while 0 was delivered, 1 and 2 in flight and 3..9 queued.
        List<DeliveryUnit> units = take(0, 10);
        for (int i = 0; i < 3; i++) {
            progress.start();
        }
        progress.finished(units.get(0), false);
        progress.dropQueued();
        assertEquals(1, progress.committable(), "1 is still in flight");
        progress.finished(units.get(2), false);
        assertEquals(1, progress.committable());
        progress.finished(units.get(1), false);
        assertEquals(3, progress.committable(), "the first record that was queued, not delivered");
    }

    @Test
    void aCommitIsOnlyProposedWhenItMovesForward() {
        List<DeliveryUnit> units = take(0, 2);
        startAll();
        progress.finished(units.get(0), false);
        assertEquals(1, progress.toCommit());
        progress.committed(1);
        assertEquals(-1, progress.toCommit(), "nothing new since the last commit");
        // A late answer to an older commit does not take the committed offset back.
        progress.committed(0);
        assertEquals(-1, progress.toCommit());
        progress.finished(units.get(1), false);
        assertEquals(2, progress.toCommit());
    }

    @Test
    void anOrderedPortHasAtMostOneUnitOfAPartitionInFlight() {
        List<DeliveryUnit> units = take(0, 3);
        assertTrue(progress.startable(true));
        assertEquals(units.get(0), progress.start());
        assertFalse(progress.startable(true));
        assertTrue(progress.startable(false), "an unordered port may start the next one");
        progress.finished(units.get(0), false);
        assertTrue(progress.startable(true));
        assertEquals(units.get(1), progress.start());
    }

    @Test
    void aThousandMessagesWaitingToBeStartedPauseThePartition() {
        take(0, PartitionProgress.MAX_QUEUED - 1);
        assertFalse(progress.paused(0));
        take(PartitionProgress.MAX_QUEUED - 1, 1);
        assertTrue(progress.full());
        assertTrue(progress.paused(0));
        progress.start();
        assertFalse(progress.paused(0), "one started: below the bound again");
    }

    @Test
    void twoMebibytesWaitingToBeStartedPauseThePartition() {
        int size = 256 * 1024;
        for (int i = 0; i < 7; i++) {
            progress.enqueue(unit(i, new byte[size]));
        }
        progress.taken(6);
        assertFalse(progress.paused(0), "7 x 256 KiB is below 2 MiB");
        progress.enqueue(unit(7, new byte[size]));
        progress.taken(7);
        assertTrue(progress.paused(0), "8 x 256 KiB is 2 MiB");
        progress.start();
        assertFalse(progress.paused(0));
    }

    @Test
    void aBatchCountsItsMessagesAndIsUnfinishedByItsFirstOffset() {
        List<InboundMessage> messages = new ArrayList<>();
        for (int offset = 0; offset < 4; offset++) {
            messages.add(message(offset, new byte[1]));
        }
        DeliveryUnit batch = new DeliveryUnit(PARTITION, messages, null);
        progress.enqueue(batch);
        progress.taken(3);
        assertEquals(4, progress.queuedMessages());
        progress.start();
        assertEquals(0, progress.committable());
        progress.finished(batch, false);
        assertEquals(4, progress.committable());
    }

    /** Polls {@code count} records from {@code from}, one unit each. */
    private List<DeliveryUnit> take(long from, int count) {
        List<DeliveryUnit> units = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            DeliveryUnit unit = unit(offset);
            progress.enqueue(unit);
            units.add(unit);
        }
        progress.taken(from + count - 1);
        return units;
    }

    private List<DeliveryUnit> startAll() {
        List<DeliveryUnit> started = new ArrayList<>();
        while (progress.startable(false)) {
            started.add(progress.start());
        }
        return started;
    }

    private static DeliveryUnit unit(long offset) {
        return unit(offset, new byte[] {'m'});
    }

    private static DeliveryUnit unit(long offset, byte[] value) {
        return DeliveryUnit.of(PARTITION, message(offset, value));
    }

    private static InboundMessage message(long offset, byte[] value) {
        return new InboundMessage("test", PARTITION.topic(), PARTITION.partition(), offset, 0, null, value, null);
    }
}
