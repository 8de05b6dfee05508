package dev.hiveauth.protocol.testing;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Any Redis reply as plain Java values, nested as deep as the reply: strings, longs, doubles, booleans, lists, sets
 * and maps (RESP3), null for nil. Lettuce 7.7's own {@code ObjectOutput}, tried first, gave {@code [1]} for a
 * {@code DBSIZE} sent through {@code dispatch} and failed on the {@code OK} of a {@code SET}.
 *
 * <p>Each aggregate is closed when it has as many elements as the reply announced, so the output does not depend on
 * when Lettuce's decoder calls {@link #complete(int)}.
 */
final class ReplyOutput extends CommandOutput<String, String, Object> {
    private final Deque<Aggregate> open = new ArrayDeque<>();

    ReplyOutput() {
        super(StringCodec.UTF8, null);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(text(bytes));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(text(bytes));
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        add(new BigInteger(text(bytes)));
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void multi(int count) {
        if (count < 0) {
            add(null); // RESP2's nil array
        } else {
            begin(new Aggregate(new ArrayList<>(count), count));
        }
    }

    @Override
    public void multiSet(int count) {
        begin(new Aggregate(new LinkedHashSet<>(), count));
    }

    @Override
    public void multiMap(int count) {
        begin(new Aggregate(new LinkedHashMap<>(), 2 * count));
    }

    private void begin(Aggregate aggregate) {
        attach(aggregate.value());
        open.push(aggregate);
        closeFilled();
    }

    private void add(Object value) {
        attach(value);
        closeFilled();
    }

    private void attach(Object value) {
        if (open.isEmpty()) {
            output = value;
        } else {
            open.peek().add(value);
        }
    }

    private void closeFilled() {
        while (!open.isEmpty() && open.peek().isFilled()) {
            open.pop();
        }
    }

    private static String text(ByteBuffer bytes) {
        return bytes == null ? null : StringCodec.UTF8.decodeValue(bytes);
    }

    /** A list, set or map being filled: a map's elements come as key, value, key, value… */
    private static final class Aggregate {
        private final Object value;
        private final int expected;
        private int received;
        private Object pendingKey;

        Aggregate(Object value, int expected) {
            this.value = value;
            this.expected = expected;
        }

        Object value() {
            return value;
        }

        @SuppressWarnings("unchecked") // value is one of the three containers begin() makes, of Object elements
        void add(Object element) {
            if (value instanceof Map<?, ?> map) {
                if (received % 2 == 0) {
                    pendingKey = element;
                } else {
                    ((Map<Object, Object>) map).put(pendingKey, element);
                }
            } else {
                ((Collection<Object>) value).add(element);
            }
            received++;
        }

        boolean isFilled() {
            return received >= expected;
        }
    }
}
