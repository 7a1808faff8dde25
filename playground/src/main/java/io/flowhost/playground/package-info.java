/** The playground: {@code flowhost eval}, {@code flowhost docs} and the {@code flowhost playground} REPL. */
package io.flowhost.playground;
