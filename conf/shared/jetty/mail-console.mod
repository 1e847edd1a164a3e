# Mail Console: the shared mail session for Jetty 12 (ee10) webapps.
# Copy to $JETTY_BASE/modules/mail-console.mod, the bundle's jars to $JETTY_BASE/lib/ee10/ and
# mail-console-session.xml to $JETTY_BASE/etc/, then:
#   java -jar $JETTY_HOME/start.jar --add-modules=mail-console

[description]
Mail Console: binds the shared jakarta.mail Session as mail/Session for ee10 webapps.

[environment]
ee10

[depend]
ee10-plus

[lib]
lib/ee10/*.jar

[xml]
etc/mail-console-session.xml
