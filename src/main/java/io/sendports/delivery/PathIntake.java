package io.sendports.delivery;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.sendports.domain.GroupPath;
import io.sendports.message.InboundMessage;

/**
 * What a member's consumer of one group path asks of the member: the member's own steps (its message ids, units,
 * transport, retries, backup, ordering), with the path's choice of messages instead of the member's filter.
 */
public final class PathIntake implements PortConsumer.Intake {
    private final PortPipeline member;
    private final GroupPath path;
    private final Runnable routed;

    /**
     * @param routed counts a message the path took for the member
     */
    public PathIntake(PortPipeline member, GroupPath path, Runnable routed) {
        this.member = member;
        this.path = path;
        this.routed = routed;
    }

    @Override
    public InboundMessage inbound(ConsumerRecord<byte[], byte[]> record) {
        return member.inbound(record);
    }

    /** The group's subscription selects the message and no subscription of the member before it takes it. */
    @Override
    public boolean accepts(InboundMessage message) {
        boolean taken = path.takes(message.topic(), message::header, message.timestamp());
        if (taken) {
            routed.run();
        }
        return taken;
    }

    @Override
    public List<DeliveryUnit> units(TopicPartition partition, List<InboundMessage> accepted) {
        return member.units(partition, accepted);
    }

    @Override
    public boolean halted() {
        return member.halted();
    }
}
