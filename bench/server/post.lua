-- wrk script: POST a file's bytes as the body. Usage: wrk ... -s post.lua URL -- FILE [gzip]
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  -- npm asks for a compressed answer (minipass-fetch); so does this load.
  wrk.headers["Accept-Encoding"] = "gzip"
  if args[2] == "gzip" then wrk.headers["Content-Encoding"] = "gzip" end
end

