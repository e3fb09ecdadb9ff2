"""Push gateways behind one protocol: FCM, the log (offline default) and a recording one."""
