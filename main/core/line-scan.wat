;; The fast reader's scan over a nested block (see line-scan.ts): where its next top-level line may
;; start. Built into out/main/core/line-scan.wasm by scripts/build-wasm.mjs.
;;
;; A block under a key (the `related` lists, most of a large file's bytes) is skipped line by line:
;; a line indented, blank or a comment cannot end it. Found with one memchr per line, that was a third
;; of the fast reader's time. Here 32 bytes are tested at a time, and only for line feeds followed by
;; something other than a space: in an indented block, most 32 bytes have none.
(module
  ;; 8 MiB of read buffer, 1 MiB to copy other bytes into, and room for the loads past a buffer's
  ;; end (up to 33 bytes): the layout is line-scan.ts's, which checks the size.
  (memory (export "memory") 145 145)

  ;; The first line feed at $from or after, before $end, whose next byte (also before $end) is not a
  ;; space, tab, `#`, CR or line feed: the start of that next line. $end when there is none.
  (func (export "nextTop") (param $from i32) (param $end i32) (result i32)
    (local $p i32) (local $found i32) (local $nl i32) (local $c i32)
    (local.set $p (local.get $from))
    (block $none
      (loop $chunk
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        ;; Bit k: byte p+k is a line feed and byte p+k+1 no space.
        (local.set $found (i32.or
          (i8x16.bitmask (v128.andnot
            (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 10)))
            (i8x16.eq (v128.load offset=1 (local.get $p)) (i8x16.splat (i32.const 32)))))
          (i32.shl
            (i8x16.bitmask (v128.andnot
              (i8x16.eq (v128.load offset=16 (local.get $p)) (i8x16.splat (i32.const 10)))
              (i8x16.eq (v128.load offset=17 (local.get $p)) (i8x16.splat (i32.const 32)))))
            (i32.const 16))))
        (block $chunk_done
          (loop $each
            (br_if $chunk_done (i32.eqz (local.get $found)))
            (local.set $nl (i32.add (local.get $p) (i32.ctz (local.get $found))))
            ;; Bytes from $end on are not the buffer's: the lowest bit there ends the scan.
            (if (i32.ge_u (i32.add (local.get $nl) (i32.const 1)) (local.get $end))
              (then (return (local.get $end))))
            (local.set $c (i32.load8_u offset=1 (local.get $nl)))
            (if (i32.eqz (i32.or
                  (i32.or (i32.eq (local.get $c) (i32.const 0x09)) (i32.eq (local.get $c) (i32.const 0x23)))
                  (i32.or (i32.eq (local.get $c) (i32.const 0x0d)) (i32.eq (local.get $c) (i32.const 0x0a)))))
              (then (return (i32.add (local.get $nl) (i32.const 1)))))
            ;; The lowest bit off: the next line feed in this chunk.
            (local.set $found (i32.and (local.get $found) (i32.sub (local.get $found) (i32.const 1))))
            (br $each)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $chunk)))
    (local.get $end))
)
