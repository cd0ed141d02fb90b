package io.faltung.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faltung.spi.MemoryStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingAllocatorTest {
    /** A device with a byte budget that records its calls. */
    private static final class FakeDevice implements CachingAllocator.DeviceMemory<long[]> {
        final long budget;
        long used;
        final List<Long> allocations = new ArrayList<>();
        int frees;
        int syncs;

        FakeDevice(long budget) {
            this.budget = budget;
        }

        @Override
        public long[] allocate(long bytes) {
            if (used + bytes > budget) {
                return null;
            }
            used += bytes;
            allocations.add(bytes);
            return new long[] {bytes};
        }

        @Override
        public void free(long[] pointer) {
            used -= pointer[0];
            frees++;
        }

        @Override
        public void synchronize() {
            syncs++;
        }

        @Override
        public String describe() {
            return (budget - used) + " bytes free of " + budget;
        }
    }

    @Test
    void bucketsRoundSmallRequestsTo512BytesAndLargeOnesTo2MiB() {
        assertEquals(512, CachingAllocator.bucket(0));
        assertEquals(512, CachingAllocator.bucket(4));
        assertEquals(1024, CachingAllocator.bucket(513));
        assertEquals(1 << 20, CachingAllocator.bucket(1 << 20));
        assertEquals(2 << 20, CachingAllocator.bucket((1 << 20) + 1));
        assertEquals(4 << 20, CachingAllocator.bucket((2 << 20) + 1));
    }

    @Test
    void closedBlocksAreReusedForTheSameBucketWithoutADriverCall() {
        FakeDevice device = new FakeDevice(1 << 30);
        CachingAllocator<long[]> allocator = new CachingAllocator<>(device);
        CachingAllocator.Block<long[]> a = allocator.allocate(1000);
        allocator.release(a, 1000);
        assertEquals(1024, allocator.cachedBytes());
        CachingAllocator.Block<long[]> b = allocator.allocate(900);
        assertSame(a.pointer(), b.pointer());
        assertEquals(1, device.allocations.size());
        assertEquals(0, allocator.cachedBytes());
        CachingAllocator.Block<long[]> c = allocator.allocate(5000);
        assertEquals(2, device.allocations.size());
        assertEquals(new MemoryStats(2, 5900, 5900), allocator.stats());
        allocator.release(b, 900);
        allocator.release(c, 5000);
        assertEquals(new MemoryStats(0, 0, 5900), allocator.stats());
        assertEquals(1024 + 5120, allocator.reservedBytes());
    }

    @Test
    void outOfMemoryEmptiesTheCacheAndRetriesOnce() {
        FakeDevice device = new FakeDevice(4096);
        CachingAllocator<long[]> allocator = new CachingAllocator<>(device);
        CachingAllocator.Block<long[]> small = allocator.allocate(3000);
        allocator.release(small, 3000);
        CachingAllocator.Block<long[]> big = allocator.allocate(3500);
        assertEquals(1, device.frees);
        assertEquals(1, device.syncs);
        assertEquals(0, allocator.cachedBytes());
        assertEquals(3584, allocator.reservedBytes());
        allocator.release(big, 3500);
    }

    @Test
    void outOfMemoryAfterTheRetryNamesRequestLiveBytesAndDeviceMemory() {
        FakeDevice device = new FakeDevice(4096);
        CachingAllocator<long[]> allocator = new CachingAllocator<>(device);
        allocator.allocate(2000);
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class, () -> allocator.allocate(3000));
        assertTrue(e.getMessage().contains("cannot allocate 3000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("1 live buffers hold 2000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("bytes free of 4096"), e.getMessage());
        assertEquals(new MemoryStats(1, 2000, 2000), allocator.stats());
    }
}
