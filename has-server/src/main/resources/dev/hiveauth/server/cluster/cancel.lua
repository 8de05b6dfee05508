-- Gives up a request whose creation the node reported as failed (Redis did not answer in time, so it may still have
-- run it, or run it later: a command sent on the same connection runs after it). A request given up is offered to no
-- wallet any more and no reply can win it. Does nothing to a request already answered, or never made.
-- KEYS[1] the request's hash, KEYS[2] the account's waiting set; ARGV: uuid
local state = redis.call('HMGET', KEYS[1], 'st')[1]
if state == 'p' then
  redis.call('HSET', KEYS[1], 'st', 'x')
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
return 0
