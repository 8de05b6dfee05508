-- Binds a request to another APP connection (on any node) and returns its state, with the reply once answered.
-- A claim and an attach never interleave: the reply goes either to the new binding or back in this answer.
-- KEYS[1] the request's hash; ARGV: app node, app connection, now
local h = redis.call('HMGET', KEYS[1], 'st', 'exp', 'rep', 'ku')
if not h[1] then
  return {'UNKNOWN'}
end
if h[1] == 'p' and tonumber(h[2]) > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'an', ARGV[1], 'ac', ARGV[2])
  return {'WAITING', h[2]}
end
if h[1] == 'a' and tonumber(h[4]) > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'an', ARGV[1], 'ac', ARGV[2])
  return {'ANSWERED', h[3]}
end
return {'UNKNOWN'}
