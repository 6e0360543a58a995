package io.pgha.dcs;

/** The gateway transport (CLI) against real etcd. */
class EtcdGatewayDcsIT extends DcsContract {
    @Override
    Dcs open(EtcdSettings settings) {
        return new EtcdGatewayDcs(settings);
    }

    @Override
    Dcs openOther(EtcdSettings settings) {
        return new EtcdGrpcDcs(settings);
    }
}
